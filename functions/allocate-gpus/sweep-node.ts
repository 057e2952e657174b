// Healing (issue 6): an allocation whose pod no longer exists is released once it is older than the grace
// period. Triggered by `node.upserted` for the node (kubelets report node status at least every 5 minutes,
// and the cluster-agent forwards every change), so each node is swept as often as it reports, with no
// scheduler of its own. The grace period covers a booking whose pod is still being pinned.
import type { VersionedLedger } from '../../shared/adapters/state/ledger-store.ts';
import { staleAllocations } from '../../shared/core/ledger/stale-allocations.ts';
import type { AllocateDeps } from './deps.ts';
import { releaseAllocationOf } from './release-allocation.ts';

const DEFAULT_GRACE_MS = 120_000;

/** Release the stale allocations of the node's ledger (as just read) whose pods are gone: the ledger as last written, if anything was released. */
export async function sweepNode(held: VersionedLedger, deps: AllocateDeps): Promise<VersionedLedger | undefined> {
  const { clusterId, node } = held.ledger;
  let released: VersionedLedger | undefined;
  for (const allocation of staleAllocations(held.ledger, { now: deps.clock.now(), graceMs: deps.orphanGraceMs ?? DEFAULT_GRACE_MS })) {
    if (await deps.binder.podExists({ namespace: allocation.namespace, name: allocation.pod, uid: allocation.podUid })) continue;
    released = (await releaseAllocationOf({ clusterId, node, podUid: allocation.podUid, reason: 'pod-deleted' }, deps)) ?? released;
  }
  return released;
}
