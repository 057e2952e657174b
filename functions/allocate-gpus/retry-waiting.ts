// Pods that fit nowhere wait in their pool (`markWaiting`); when an allocation of the pool is released, or a
// node of the pool shows new labels or taints (`node.upserted`), they are decided again, oldest note first, up to RETRY_LIMIT per release (kube-scheduler likewise re-queues
// unschedulable pods when the cluster changes). A waiting pod that is gone, already ungated or now placed
// stops waiting; one that still fits nowhere keeps waiting, without another `allocation.unschedulable`.
import { gated } from '../../shared/core/ledger/pod-intent.ts';
import type { AllocateDeps } from './deps.ts';
import { placePod } from './place-pod.ts';
import type { PoolViews } from './pool-view.ts';

/** Waiting pods decided again per release. */
export const RETRY_LIMIT = 16;

/** Decide the pool's waiting pods again after capacity was freed or a node's labels or taints changed. */
export async function retryWaiting(clusterId: string, pool: string, context: { readonly deps: AllocateDeps; readonly views: PoolViews; readonly eventId: string }): Promise<void> {
  const { deps, views } = context;
  for (const entry of await deps.ledgers.listWaiting(clusterId, pool, RETRY_LIMIT)) {
    const pod = await deps.binder.getPod({ namespace: entry.namespace, name: entry.pod, uid: entry.podUid });
    const placement = pod === undefined || !gated(pod) ? { kind: 'done' as const } : await placePod(pod, { origin: { clusterId, eventId: context.eventId, retry: true }, deps, views });
    if (placement.kind === 'unschedulable') continue;
    if (placement.kind === 'booked') await placement.bind();
    await deps.ledgers.clearWaiting(entry, deps.clock.now());
  }
}
