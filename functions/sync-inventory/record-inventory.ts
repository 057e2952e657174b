// Merge one node's inventory into its ledger (ARCHITECTURE §4) with a conditional write; a lost race
// (an allocator booking on the node meanwhile) re-reads the ledger and merges again, so no booking is lost.
import type { LedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { ledgerFromInventory } from '../../shared/core/ledger/ledger-from-inventory.ts';
import type { GpuInventoryEvent } from '../../shared/schemas/events/gpu-inventory.ts';

/** What one inventory did to its ledger. */
export type RecordOutcome = 'created' | 'updated' | 'unchanged';

/** Record the inventory; `unchanged` when the ledger already holds this inventory or a newer one. */
export async function recordInventory(event: GpuInventoryEvent, ledgers: LedgerStore): Promise<RecordOutcome> {
  const inventory = { clusterId: event.clusterId, node: event.data.node, pool: event.data.pool, gpus: event.data.gpus, at: event.time };
  const at = { clusterId: event.clusterId, node: event.data.node };
  const updated = await ledgers.updateLedger(at, (current) => ledgerFromInventory(current, inventory), { doing: 'recording its inventory' });
  if (updated === undefined) return 'unchanged';
  return updated.before === undefined ? 'created' : 'updated';
}
