import type { LedgerAllocation, NodeLedger } from '../../schemas/node-ledger.ts';

/** A retired ledger and the allocations it gave back. */
export interface Retired {
  readonly ledger: NodeLedger;
  readonly released: readonly LedgerAllocation[];
}

/**
 * The ledger of a node that left the cluster: no GPUs to offer (so nothing is placed on a node that is gone)
 * and no allocations (their pods went with it), or `undefined` when it is retired already. The item stays,
 * keeping `inventoryAt`, so a late inventory from before the deletion is still ignored and a newer one (the
 * node back) brings its GPUs back.
 */
export function retireLedger(ledger: NodeLedger): Retired | undefined {
  if (ledger.gpus.length === 0 && ledger.allocations.length === 0) return undefined;
  return { ledger: { ...ledger, gpus: [], allocations: [] }, released: ledger.allocations };
}
