// A node left the cluster (`node.deleted`): its ledger stops offering GPUs and gives back every allocation
// (their pods are gone with the node; the pod GC deletes them), each reported `allocation.released` with
// reason `node-deleted`. A newer inventory from the node, if it comes back, brings the GPUs back.
import { retireLedger, type Retired } from '../../shared/core/ledger/retire-ledger.ts';
import type { NodeLedger } from '../../shared/schemas/node-ledger.ts';
import { releasedEvent } from './decision-events.ts';
import type { AllocateDeps } from './deps.ts';
import { markReleased } from './release-allocation.ts';

/** Retire the node's ledger; how many allocations it gave back. */
export async function retireNode(clusterId: string, node: string, deps: AllocateDeps): Promise<number> {
  let retired: Retired | undefined;
  const change = (current: NodeLedger | undefined) => {
    retired = current === undefined ? undefined : retireLedger(current);
    return retired?.ledger;
  };
  const updated = await deps.ledgers.updateLedger({ clusterId, node }, change, { attempts: deps.maxAttempts, doing: 'retiring it' });
  if (updated === undefined || retired === undefined) return 0;
  const { released } = retired;
  const entries = await deps.ledgers.getPodAllocations(released.map((allocation) => ({ clusterId, podUid: allocation.podUid })));
  await Promise.all(entries.map((index) => markReleased(deps, index, node)));
  const context = { clusterId, pool: updated.written.ledger.pool, time: deps.clock.now() };
  await deps.publisher.publish(deps.decisionsTopic, released.map((allocation) => releasedEvent(allocation, { node, reason: 'node-deleted' }, context)));
  return released.length;
}
