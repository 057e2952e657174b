import type { LedgerAllocation, NodeLedger } from '../../schemas/node-ledger.ts';

/** The ledger with `allocation` added, or `undefined` when the pod already holds one here (redelivery: nothing to do). */
export function bookAllocation(ledger: NodeLedger, allocation: LedgerAllocation): NodeLedger | undefined {
  if (findAllocation(ledger, allocation.podUid) !== undefined) return undefined;
  return { ...ledger, allocations: [...ledger.allocations, allocation] };
}

/** What a release gives back: the ledger without the pod, and the allocation removed. */
export interface Released {
  readonly ledger: NodeLedger;
  readonly allocation: LedgerAllocation;
}

/** The ledger without the pod's allocation, or `undefined` when it holds none (already released: nothing to do). */
export function releaseAllocation(ledger: NodeLedger, podUid: string): Released | undefined {
  const allocation = findAllocation(ledger, podUid);
  if (allocation === undefined) return undefined;
  return { ledger: { ...ledger, allocations: ledger.allocations.filter((held) => held.podUid !== podUid) }, allocation };
}

/** The pod's allocation on this node, if any. Pod uids are unique, so this is the idempotency key of a booking. */
export function findAllocation(ledger: NodeLedger, podUid: string): LedgerAllocation | undefined {
  return ledger.allocations.find((held) => held.podUid === podUid);
}
