import { ENABLED_LABEL } from '../../schemas/annotation-keys.ts';
import { dotPath, formatZodIssues } from '../../schemas/format-issues.ts';
import { podSchema, type Pod } from '../../schemas/pod.ts';
import { formatIssue, invalidInput, type Issue } from '../model/issue.ts';
import type { AdmissionRequest } from './admission-review.ts';
import type { JsonValue } from './json-patch.ts';

/** Why a request is allowed without looking further. */
export type SkipReason = 'not-a-pod-create' | 'not-opted-in';

/** The pod of an admission request: skipped (not ours), unreadable, or parsed beside the object as received. */
export type PodRead =
  | { readonly kind: 'skip'; readonly reason: SkipReason; readonly warnings: readonly string[] }
  | { readonly kind: 'invalid'; readonly issues: readonly Issue[] }
  | { readonly kind: 'pod'; readonly pod: Pod; readonly raw: JsonValue };

const skip = (reason: SkipReason, warnings: readonly string[] = []): PodRead => ({ kind: 'skip', reason, warnings });

/**
 * Read the pod a request admits. Only a pod CREATE (no subresource) carrying the opt-in label
 * `tensor-fusion.ai/enabled: "true"` is ours (reference §1.1); anything else passes untouched, with a
 * warning for a label value that is neither "true" nor "false". An empty pod namespace takes the
 * request's (reference §2.1 step 1), so the profile is looked up where the pod will live.
 */
export function readPod(request: AdmissionRequest): PodRead {
  const { object } = request;
  if (request.operation !== 'CREATE' || request.kind.kind !== 'Pod' || (request.subResource ?? '') !== '' || object === undefined || object === null) {
    return skip('not-a-pod-create');
  }
  const parsed = podSchema.safeParse(object, { reportInput: true });
  if (!parsed.success) return { kind: 'invalid', issues: formatZodIssues(parsed.error.issues, (path) => dotPath(['object', ...path])) };
  const label = parsed.data.metadata.labels?.[ENABLED_LABEL];
  if (label !== 'true') {
    const odd = label !== undefined && label !== 'false';
    return skip('not-opted-in', odd ? [formatIssue(invalidInput(`label ${ENABLED_LABEL}`, 'be "true" or "false"; the pod is left unchanged', label))] : []);
  }
  const namespace = parsed.data.metadata.namespace ?? request.namespace;
  const pod = namespace === undefined ? parsed.data : { ...parsed.data, metadata: { ...parsed.data.metadata, namespace } };
  return { kind: 'pod', pod, raw: object as JsonValue };
}
