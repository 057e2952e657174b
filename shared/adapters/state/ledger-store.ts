// Node ledgers and the pod → allocation index on the StateStore port (ARCHITECTURE §4): typed reads and
// conditional writes in the key layout of shared/core/ledger/ledger-keys.ts. A lost race is a value
// (`conflict` with the current ledger), since the allocator's answer to it is a decision: re-plan.
import { AppError } from '../../core/errors.ts';
import { ledgerKey, ledgerLookup, podAllocationKey, poolLedgersPartition, waitingKey, waitingPartition } from '../../core/ledger/ledger-keys.ts';
import type { ExpectedVersion, StateItem, StateStore } from '../../ports/state-store.ts';
import { nodeLedgerSchema, podAllocationSchema, waitingPodSchema, type NodeLedger, type PodAllocation, type WaitingPod } from '../../schemas/node-ledger.ts';

/** A ledger with the version it was read or written at. */
export interface VersionedLedger {
  readonly ledger: NodeLedger;
  readonly version: number;
}

/** An index entry with its version. */
export interface VersionedPodAllocation {
  readonly entry: PodAllocation;
  readonly version: number;
}

/** A conditional write's answer: written, or the item as it is now (`undefined`: absent). */
export type WriteResult<T> = { readonly kind: 'written'; readonly item: T } | { readonly kind: 'conflict'; readonly current: T | undefined };

/** Typed access to ledger items. */
export interface LedgerStore {
  /** Every ledger of the pool (the lookup index: eventually consistent, so a write's condition is what protects it). */
  readPool(clusterId: string, pool: string): Promise<VersionedLedger[]>;
  /** One node's ledger, read consistently. */
  getLedger(clusterId: string, node: string): Promise<VersionedLedger | undefined>;
  /** Write a ledger if it is still at `expect` (`'absent'`: create). */
  writeLedger(ledger: NodeLedger, expect: ExpectedVersion): Promise<WriteResult<VersionedLedger>>;
  getPodAllocation(clusterId: string, podUid: string): Promise<VersionedPodAllocation | undefined>;
  /** Write an index entry if it is still at `expect`; `expiresAt` (epoch seconds) lets a released entry go in time. */
  writePodAllocation(entry: PodAllocation, expect: ExpectedVersion, expiresAt?: number): Promise<WriteResult<VersionedPodAllocation>>;
  /** Note a pod that fit nowhere (unconditional: the latest note wins). */
  markWaiting(entry: WaitingPod): Promise<void>;
  /** Up to `limit` pods waiting in the pool. */
  listWaiting(clusterId: string, pool: string, limit: number): Promise<WaitingPod[]>;
  /** Stop waiting for the pod: the item expires now (the StateStore has no delete; expired items read as absent). */
  clearWaiting(entry: WaitingPod, now: Date): Promise<void>;
}

function parsed<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, item: StateItem): T {
  const result = schema.safeParse(item.data);
  if (result.success) return result.data;
  throw new AppError('INTERNAL', `state item ${item.pk} ${item.sk} does not hold a valid ${item.sk}`, { details: { pk: item.pk, sk: item.sk } });
}

const toLedger = (item: StateItem): VersionedLedger => ({ ledger: parsed(nodeLedgerSchema, item), version: item.version });
const toEntry = (item: StateItem): VersionedPodAllocation => ({ entry: parsed(podAllocationSchema, item), version: item.version });

async function conditional<T>(write: () => Promise<StateItem>, read: (item: StateItem) => T): Promise<WriteResult<T>> {
  try {
    return { kind: 'written', item: read(await write()) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'VERSION_CONFLICT') throw error;
    const current = error.details['current'] as StateItem | null | undefined;
    return { kind: 'conflict', current: current === null || current === undefined ? undefined : read(current) };
  }
}

/** The {@link LedgerStore} on a StateStore. */
export function createLedgerStore(store: StateStore): LedgerStore {
  return {
    readPool: async (clusterId, pool) => (await store.query(poolLedgersPartition(clusterId, pool), { byLookup: true })).map(toLedger),
    getLedger: async (clusterId, node) => {
      const item = await store.get(ledgerKey(clusterId, node));
      return item === undefined ? undefined : toLedger(item);
    },
    writeLedger: (ledger, expect) => conditional(() => store.put({
      ...ledgerKey(ledger.clusterId, ledger.node), data: ledger, lookup: ledgerLookup(ledger.clusterId, ledger.pool, ledger.node),
    }, { expectVersion: expect }), toLedger),
    getPodAllocation: async (clusterId, podUid) => {
      const item = await store.get(podAllocationKey(clusterId, podUid));
      return item === undefined ? undefined : toEntry(item);
    },
    writePodAllocation: (entry, expect, expiresAt) => conditional(() => store.put({
      ...podAllocationKey(entry.clusterId, entry.podUid), data: entry,
      ...(expiresAt === undefined ? {} : { expiresAt }),
    }, { expectVersion: expect }), toEntry),
    markWaiting: async (entry) => {
      await store.put({ ...waitingKey(entry.clusterId, entry.pool, entry.podUid), data: entry });
    },
    listWaiting: async (clusterId, pool, limit) => (await store.query(waitingPartition(clusterId, pool), { limit })).map((item) => parsed(waitingPodSchema, item)),
    clearWaiting: async (entry, now) => {
      await store.put({ ...waitingKey(entry.clusterId, entry.pool, entry.podUid), data: entry, expiresAt: Math.floor(now.getTime() / 1000) });
    },
  };
}
