// Merge one node's inventory into its ledger (ARCHITECTURE §4) with a conditional write; a lost race
// (an allocator booking on the node meanwhile) re-reads the ledger and merges again, so no booking is lost.
import type { LedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { AppError } from '../../shared/core/errors.ts';
import { ledgerFromInventory } from '../../shared/core/ledger/ledger-from-inventory.ts';
import type { GpuInventoryEvent } from '../../shared/schemas/events/gpu-inventory.ts';

const MAX_ATTEMPTS = 8;

/** What one inventory did to its ledger. */
export type RecordOutcome = 'created' | 'updated' | 'unchanged';

/** Record the inventory; `unchanged` when the ledger already holds this inventory or a newer one. */
export async function recordInventory(event: GpuInventoryEvent, ledgers: LedgerStore): Promise<RecordOutcome> {
  const inventory = { clusterId: event.clusterId, node: event.data.node, pool: event.data.pool, gpus: event.data.gpus, at: event.time };
  let held = await ledgers.getLedger(event.clusterId, event.data.node);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const next = ledgerFromInventory(held?.ledger, inventory);
    if (next === undefined) return 'unchanged';
    const written = await ledgers.writeLedger(next, held?.version ?? 'absent');
    if (written.kind === 'written') return held === undefined ? 'created' : 'updated';
    held = written.current;
  }
  throw new AppError('VERSION_CONFLICT', `ledger of node ${event.data.node} kept changing while recording its inventory`);
}
