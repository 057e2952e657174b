import type { ClusterEvent } from '../../schemas/events/cluster-events.ts';
import type { PodObject } from '../../schemas/events/kube-objects.ts';
import { ALLOCATION_GATE } from '../admission/mutate-pod.ts';

/** Why an allocation is given back (the `allocation.released` reasons). */
export type ReleaseReason = 'pod-deleted' | 'pod-finished' | 'node-deleted' | 'evicted';

/** What a cluster event asks of the allocator. */
export type PodIntent =
  | { readonly kind: 'allocate'; readonly pod: PodObject }
  | { readonly kind: 'release'; readonly pod: PodObject; readonly reason: ReleaseReason }
  | { readonly kind: 'ignore' };

const TERMINAL_PHASES: ReadonlySet<unknown> = new Set(['Succeeded', 'Failed']);

/** Whether the pod still carries the allocation gate admission put on it. */
export const gated = (pod: PodObject): boolean => {
  const gates: unknown = (pod['spec'] as { schedulingGates?: unknown } | undefined)?.schedulingGates;
  return Array.isArray(gates) && gates.some((gate) => (gate as { name?: unknown } | null)?.name === ALLOCATION_GATE);
};

/**
 * The allocator's reading of a cluster event: a pod carrying the allocation gate (admission gates only
 * opted-in pods) is to be placed; a deleted pod, or one in a terminal phase, gives its GPUs back
 * (TensorFusion deallocates on both, reference §4.4); anything else is not the allocator's business.
 */
export function podIntent(event: ClusterEvent): PodIntent {
  if (event.type === 'pod.deleted') return { kind: 'release', pod: event.data.object, reason: 'pod-deleted' };
  if (event.type !== 'pod.upserted') return { kind: 'ignore' };
  const pod = event.data.object;
  const phase = (pod['status'] as { phase?: unknown } | undefined)?.phase;
  if (TERMINAL_PHASES.has(phase)) return { kind: 'release', pod, reason: 'pod-finished' };
  const deleting = pod.metadata['deletionTimestamp'] !== undefined;
  return gated(pod) && !deleting ? { kind: 'allocate', pod } : { kind: 'ignore' };
}
