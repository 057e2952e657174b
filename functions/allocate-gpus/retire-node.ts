// A node left the cluster (`node.deleted`): its ledger stops offering GPUs and gives back every allocation
// (their pods are gone with the node; the pod GC deletes them), each reported `allocation.released` with
// reason `node-deleted`. A newer inventory from the node, if it comes back, brings the GPUs back.
import { AppError } from '../../shared/core/errors.ts';
import { retireLedger } from '../../shared/core/ledger/retire-ledger.ts';
import { releasedEvent } from './decision-events.ts';
import type { AllocateDeps } from './deps.ts';
import { markReleased } from './release-allocation.ts';

const DEFAULT_ATTEMPTS = 8;

/** Retire the node's ledger; how many allocations it gave back. */
export async function retireNode(clusterId: string, node: string, deps: AllocateDeps): Promise<number> {
  let held = await deps.ledgers.getLedger(clusterId, node);
  for (let attempt = 1; held !== undefined; attempt++) {
    const retired = retireLedger(held.ledger);
    if (retired === undefined) return 0;
    const written = await deps.ledgers.writeLedger(retired.ledger, held.version);
    if (written.kind === 'written') {
      for (const allocation of retired.released) await markReleased(deps, await deps.ledgers.getPodAllocation(clusterId, allocation.podUid));
      const context = { clusterId, pool: held.ledger.pool, time: deps.clock.now() };
      await deps.publisher.publish(deps.decisionsTopic, retired.released.map((allocation) => releasedEvent(allocation, { node, reason: 'node-deleted' }, context)));
      return retired.released.length;
    }
    if (attempt >= (deps.maxAttempts ?? DEFAULT_ATTEMPTS)) throw new AppError('VERSION_CONFLICT', `ledger of node ${node} kept changing while retiring it`);
    held = written.current;
  }
  return 0;
}
