import { RECOMMENDED_RESOURCES_KEY } from '../../schemas/annotation-keys.ts';
import type { Pod } from '../../schemas/pod.ts';
import { formatIssue, invalidInput, type Issue } from '../model/issue.ts';
import type { Resolution } from '../model/workload-spec.ts';
import { overlayRecommendation } from './overlay-recommendation.ts';
import type { OwnerObject } from './owner.ts';
import { resolveWorkload, type ResolveSources } from './resolve-workload.ts';

/** The first resolution, with a warning that the owner's record was ignored and why. */
function ignoring(first: Resolution & { ok: true }, where: string, issues: readonly Issue[]): Resolution {
  const note = invalidInput(`annotation ${RECOMMENDED_RESOURCES_KEY} on ${where}`, `hold resource values that resolve for this pod; it is ignored and the template's values are used (${issues.map(formatIssue).join('; ')})`);
  return { ...first, warnings: [...first.warnings, note] };
}

/**
 * Resolve a pod as {@link resolveWorkload} does, then, when its controller owner records a recommendation
 * that applies to it ({@link overlayRecommendation}), resolve it again with the recommended values in
 * place of the template's, so every check (limits at least requests, fits a GPU, ...) runs on what the pod
 * will carry. A record that cannot be read, or whose values do not resolve, is ignored with a warning:
 * the pod is never denied because of vgpu-control's own record.
 */
export function resolveRecommended(pod: Pod, sources: ResolveSources & { readonly owner?: OwnerObject | undefined }): Resolution {
  const first = resolveWorkload(pod, sources);
  if (!first.ok) return first;
  const overlay = overlayRecommendation(pod, { spec: first.spec, owner: sources.owner });
  if (overlay.kind === 'none') return first;
  if (overlay.kind === 'ignored') return ignoring(first, overlay.where, overlay.issues);
  const second = resolveWorkload(overlay.pod, sources);
  return second.ok ? second : ignoring(first, overlay.where, second.issues);
}
