// After the ledger write: record the pod → node index, pin the pod, publish `allocation.placed`. A
// failed patch never leaks capacity (reference §4.4: "if the patch fails, the commit is rolled back"):
// a pod that is gone or can no longer be pinned gives its booking back at once, a refused patch rolls it
// back and fails the record, and a retryable failure leaves the booking for the redelivery to pin.
import type { VersionedLedger, VersionedPodAllocation } from '../../shared/adapters/state/ledger-store.ts';
import { bindingAnnotations } from '../../shared/core/binding/binding-annotations.ts';
import type { PodRef } from '../../shared/core/ledger/allocation-from-placement.ts';
import { findAllocation } from '../../shared/core/ledger/book-allocation.ts';
import type { ReleaseReason } from '../../shared/core/ledger/pod-intent.ts';
import { toAppError } from '../../shared/middleware/error-mapping.ts';
import type { LedgerAllocation } from '../../shared/schemas/node-ledger.ts';
import { placedEvent } from './decision-events.ts';
import type { AllocateDeps } from './deps.ts';
import type { PoolView } from './pool-view.ts';
import { releaseAllocationOf } from './release-allocation.ts';

/** What binding a booking needs: the ledger holding it, and the pod's index entry as placement read it (`undefined`: none). */
export interface BindContext {
  readonly held: VersionedLedger;
  readonly index: VersionedPodAllocation | undefined;
  readonly view: PoolView;
  readonly deps: AllocateDeps;
}

/**
 * Whether the index names this booking's node, or another node that really holds the pod (a duplicate booking).
 * The loop starts from the entry placement read: each write is conditional, so a stale start only costs a retry.
 */
async function indexBooking(pod: PodRef, node: string, context: BindContext): Promise<'ours' | 'elsewhere'> {
  const { view, deps } = context;
  const entry = { clusterId: view.clusterId, podUid: pod.uid, namespace: pod.namespace, pod: pod.name, pool: view.pool, node, released: false };
  for (let found = context.index; ;) {
    if (found?.entry.node === node && !found.entry.released) return 'ours';
    if (found !== undefined && !found.entry.released) {
      const other = await deps.ledgers.getLedger(view.clusterId, found.entry.node);
      if (other !== undefined && findAllocation(other.ledger, pod.uid) !== undefined) return 'elsewhere';
    }
    const written = await deps.ledgers.writePodAllocation(entry, found?.version ?? 'absent');
    if (written.kind === 'written') return 'ours';
    found = written.current;
  }
}

const release = (pod: PodRef, at: { readonly node: string; readonly reason: ReleaseReason }, context: { readonly view: PoolView; readonly deps: AllocateDeps }) =>
  releaseAllocationOf({ clusterId: context.view.clusterId, node: at.node, podUid: pod.uid, reason: at.reason }, context.deps);

/** Pin the pod to the booking `held` holds for it. */
export async function bindBooking(pod: PodRef, context: BindContext): Promise<void> {
  const { held, view, deps } = context;
  const node = held.ledger.node;
  const allocation = findAllocation(held.ledger, pod.uid) as LedgerAllocation;
  if ((await indexBooking(pod, node, context)) === 'elsewhere') {
    await release(pod, { node, reason: 'evicted' }, context);
    return;
  }
  let outcome: string;
  try {
    outcome = await deps.binder.bindPod({ ...pod, node, annotations: bindingAnnotations(allocation, node) });
  } catch (error) {
    const failure = toAppError(error);
    if (failure.code === 'NOT_FOUND') await release(pod, { node, reason: 'pod-deleted' }, context);
    else if (!failure.retryable) await release(pod, { node, reason: 'evicted' }, context);
    if (failure.code !== 'NOT_FOUND') throw failure;
    return;
  }
  if (outcome === 'not-gated') {
    await release(pod, { node, reason: 'evicted' }, context);
    return;
  }
  const decision = { clusterId: view.clusterId, pool: view.pool, time: deps.clock.now() };
  await deps.publisher.publish(deps.decisionsTopic, [placedEvent(allocation, { node, ledgerVersion: held.version }, decision)]);
}
