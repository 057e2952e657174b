import type { LedgerAllocation, NodeLedger } from '../../schemas/node-ledger.ts';

/**
 * Allocations booked at least `graceMs` before `now`: the ones an orphan sweep may check against the
 * cluster. Younger ones are left alone, since their pod may still be on its way through the pipeline
 * (a booking is written before the pod is patched).
 */
export function staleAllocations(ledger: NodeLedger, options: { readonly now: Date; readonly graceMs: number }): LedgerAllocation[] {
  const cutoff = options.now.getTime() - options.graceMs;
  return ledger.allocations.filter((allocation) => Date.parse(allocation.bookedAt) <= cutoff);
}
