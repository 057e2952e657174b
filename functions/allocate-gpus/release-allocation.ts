// Give one pod's allocation back (reference §4.4 Dealloc): remove it from its node ledger with a
// conditional write (a lost race re-reads that one ledger), mark the pod's index entry released, and
// publish `allocation.released`. Every step is idempotent, so a redelivery or a second trigger (pod
// deleted, then swept) changes nothing more.
import type { VersionedLedger, VersionedPodAllocation } from '../../shared/adapters/state/ledger-store.ts';
import { releaseAllocation } from '../../shared/core/ledger/book-allocation.ts';
import type { ReleaseReason } from '../../shared/core/ledger/pod-intent.ts';
import type { LedgerAllocation, NodeLedger } from '../../shared/schemas/node-ledger.ts';
import { releasedEvent } from './decision-events.ts';
import type { AllocateDeps } from './deps.ts';

/** Which allocation to release: the pod, where it is held, and why it goes. */
export interface ReleaseTarget {
  readonly clusterId: string;
  readonly node: string;
  readonly podUid: string;
  readonly reason: ReleaseReason;
}

/** Remove the pod from the node's ledger; the allocation removed, or `undefined` when the ledger holds none. */
async function removeFromLedger(deps: AllocateDeps, target: ReleaseTarget): Promise<{ allocation: LedgerAllocation; written: VersionedLedger } | undefined> {
  let allocation: LedgerAllocation | undefined;
  const change = (current: NodeLedger | undefined) => {
    const released = current === undefined ? undefined : releaseAllocation(current, target.podUid);
    allocation = released?.allocation;
    return released?.ledger;
  };
  const updated = await deps.ledgers.updateLedger(target, change, { attempts: deps.maxAttempts, doing: `releasing pod ${target.podUid}` });
  return updated === undefined || allocation === undefined ? undefined : { allocation, written: updated.written };
}

/**
 * How long a released index entry is kept: long enough that no late event of the pod is still on its way
 * (Kafka retention is days), short enough that tombstones do not pile up (the table's TTL removes them).
 */
export const RELEASED_ENTRY_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Mark the pod's index entry released, so a late event does not book it again (a lost race means someone
 * else did it). Only an entry that names `node`, the node released from: an entry naming another node
 * points at the pod's real booking (a duplicate on `node` is being given back) and must stay live.
 */
export async function markReleased(deps: Pick<AllocateDeps, 'ledgers' | 'clock'>, index: VersionedPodAllocation | undefined, node: string): Promise<void> {
  if (index === undefined || index.entry.released || index.entry.node !== node) return;
  const expiresAt = Math.floor(deps.clock.now().getTime() / 1000) + RELEASED_ENTRY_TTL_SECONDS;
  await deps.ledgers.writePodAllocation({ ...index.entry, released: true }, index.version, expiresAt);
}

/**
 * Release the pod's allocation on `target.node`: the ledger as written without it, or `undefined` when it held none.
 * `index` is the pod's index entry when the caller has just read it (nothing writes it in between), else it is read here.
 */
export async function releaseAllocationOf(target: ReleaseTarget, deps: AllocateDeps, index?: VersionedPodAllocation): Promise<VersionedLedger | undefined> {
  const removed = await removeFromLedger(deps, target);
  await markReleased(deps, index ?? await deps.ledgers.getPodAllocation(target.clusterId, target.podUid), target.node);
  if (removed === undefined) return undefined;
  const context = { clusterId: target.clusterId, pool: removed.written.ledger.pool, time: deps.clock.now() };
  await deps.publisher.publish(deps.decisionsTopic, [releasedEvent(removed.allocation, { node: target.node, reason: target.reason }, context)]);
  return removed.written;
}
