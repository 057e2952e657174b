/**
 * Where ledger items live in the one state table (ARCHITECTURE §4). Every key starts with the cluster, so
 * one table serves many clusters:
 *
 * | item | pk | sk | lookup partition / sort |
 * |---|---|---|---|
 * | node ledger | `cluster#<id>#node#<node>` | `ledger` | `cluster#<id>#pool#<pool>#ledgers` / `node#<node>` |
 * | pod → allocation | `cluster#<id>#pod#<uid>` | `allocation` | — |
 * | pod waiting for room | `cluster#<id>#pool#<pool>#waiting` | `pod#<uid>` | — |
 *
 * The pool lookup lists a pool's ledgers with one query (the allocator's snapshot). The orphan sweep needs
 * no lookup of its own: it reads the allocations on the node's ledger. Plain `{pk, sk}` objects: the
 * StateStore port's shape.
 */

/** A table key. */
export interface LedgerItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** A lookup (secondary index) position. */
export interface LedgerLookup {
  readonly partition: string;
  readonly sort: string;
}

/** The key of a node's ledger. */
export const ledgerKey = (clusterId: string, node: string): LedgerItemKey => ({ pk: `cluster#${clusterId}#node#${node}`, sk: 'ledger' });

/** The lookup partition holding every ledger of a pool. */
export const poolLedgersPartition = (clusterId: string, pool: string): string => `cluster#${clusterId}#pool#${pool}#ledgers`;

/** Where a node's ledger sits in its pool's lookup partition. */
export const ledgerLookup = (clusterId: string, pool: string, node: string): LedgerLookup =>
  ({ partition: poolLedgersPartition(clusterId, pool), sort: `node#${node}` });

/** The key of a pod's allocation index entry. */
export const podAllocationKey = (clusterId: string, podUid: string): LedgerItemKey => ({ pk: `cluster#${clusterId}#pod#${podUid}`, sk: 'allocation' });

/** The partition of a pool's pods that were found unschedulable and wait for capacity. */
export const waitingPartition = (clusterId: string, pool: string): string => `cluster#${clusterId}#pool#${pool}#waiting`;

/** The key of one waiting pod. */
export const waitingKey = (clusterId: string, pool: string, podUid: string): LedgerItemKey => ({ pk: waitingPartition(clusterId, pool), sk: `pod#${podUid}` });
