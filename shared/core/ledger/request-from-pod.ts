import type { PodObject } from '../../schemas/events/kube-objects.ts';
import { dotPath, formatZodIssues } from '../../schemas/format-issues.ts';
import { podNodeConstraintsSchema } from '../../schemas/node-scheduling.ts';
import type { AllocationRequest } from '../allocation/allocation-request.ts';
import { formatIssue } from '../model/issue.ts';
import { requestFromAnnotations } from './request-from-annotations.ts';

/** The request, or which part of the pod does not make one (`annotations` or `pod-spec`) and why. */
export type RequestFromPod =
  | { readonly ok: true; readonly request: AllocationRequest }
  | { readonly ok: false; readonly input: 'annotations' | 'pod-spec'; readonly message: string };

/**
 * The allocation request of an admitted pod: the amounts and GPU choices from the normalised annotations
 * (`requestFromAnnotations`), and where it may run from its own spec: `nodeSelector`, the required node
 * affinity terms and the tolerations, which kube-scheduler checks once the allocator has pinned the pod.
 */
export function requestFromPod(pod: PodObject): RequestFromPod {
  const parsed = requestFromAnnotations(pod.metadata.annotations ?? {});
  if (!parsed.ok) return { ok: false, input: 'annotations', message: parsed.message };
  const spec = podNodeConstraintsSchema.safeParse(pod['spec'] ?? {});
  if (!spec.success) {
    const issues = formatZodIssues(spec.error.issues, (path) => dotPath(['spec', ...path]));
    return { ok: false, input: 'pod-spec', message: issues.map(formatIssue).join('; ') };
  }
  const { nodeSelector, affinity, tolerations } = spec.data;
  return {
    ok: true,
    request: {
      ...parsed.request,
      nodeSelector: nodeSelector ?? {},
      requiredNodeAffinity: affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [],
      tolerations: tolerations ?? [],
    },
  };
}
