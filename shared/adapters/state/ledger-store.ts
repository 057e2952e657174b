// Node ledgers and the pod → allocation index on the StateStore port (ARCHITECTURE §4): typed reads and
// conditional writes in the key layout of shared/core/ledger/ledger-keys.ts. A lost race is a value
// (`conflict` with the current ledger), since the allocator's answer to it is a decision: re-plan.
import { AppError, hasErrorCode } from '../../core/errors.ts';
import { ledgerKey, ledgerLookup, podAllocationKey, poolLedgersPartition, waitingKey, waitingPartition } from '../../core/ledger/ledger-keys.ts';
import { epochSeconds, type ExpectedVersion, type StateItem, type StateStore } from '../../ports/state-store.ts';
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

/** How many writes a read → change → conditional write loop tries before it gives a lost race up (`VERSION_CONFLICT`). */
export const DEFAULT_LEDGER_ATTEMPTS = 8;

/** Which node's ledger. */
export interface LedgerAt {
  readonly clusterId: string;
  readonly node: string;
}

/** Which pod's index entry. */
export interface PodAt {
  readonly clusterId: string;
  readonly podUid: string;
}

/** A change to a ledger as it is now (`undefined`: none yet): the ledger to write, or `undefined` when there is nothing to change. */
export type LedgerChange = (current: NodeLedger | undefined) => NodeLedger | undefined;

/** How {@link LedgerStore.updateLedger} retries, and what it says when it gives up. */
export interface UpdateOptions {
  /** Writes tried before giving up (default {@link DEFAULT_LEDGER_ATTEMPTS}). */
  readonly attempts?: number | undefined;
  /** What the change does, for the error: "ledger of node n1 kept changing while <doing>". */
  readonly doing: string;
  /** The ledger as the caller has just read it, so it is not read again. */
  readonly from?: VersionedLedger | undefined;
}

/** What an update did: the ledger the change was made to (`undefined`: it created one), and the ledger as written. */
export interface LedgerUpdate {
  readonly before: VersionedLedger | undefined;
  readonly written: VersionedLedger;
}

/** Typed access to ledger items. */
export interface LedgerStore {
  /** Every ledger of the pool (the lookup index: eventually consistent, so a write's condition is what protects it). */
  readPool(clusterId: string, pool: string): Promise<VersionedLedger[]>;
  /** One node's ledger, read consistently. */
  getLedger(clusterId: string, node: string): Promise<VersionedLedger | undefined>;
  /** The ledgers of `nodes`, in the order asked, read together (one `getMany`). */
  getLedgers(nodes: readonly LedgerAt[]): Promise<(VersionedLedger | undefined)[]>;
  /** Write a ledger if it is still at `expect` (`'absent'`: create). */
  writeLedger(ledger: NodeLedger, expect: ExpectedVersion): Promise<WriteResult<VersionedLedger>>;
  /**
   * Apply `change` to the node's ledger with a conditional write; a lost race applies it again to the ledger as
   * it is now. What was written, or `undefined` when the change had nothing to do.
   */
  updateLedger(at: LedgerAt, change: LedgerChange, options: UpdateOptions): Promise<LedgerUpdate | undefined>;
  getPodAllocation(clusterId: string, podUid: string): Promise<VersionedPodAllocation | undefined>;
  /** The index entries of `pods`, in the order asked, read together (one `getMany`). */
  getPodAllocations(pods: readonly PodAt[]): Promise<(VersionedPodAllocation | undefined)[]>;
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
    if (!hasErrorCode(error, 'VERSION_CONFLICT')) throw error;
    const current = error.details['current'] as StateItem | null | undefined;
    return { kind: 'conflict', current: current === null || current === undefined ? undefined : read(current) };
  }
}

async function updateLedger(ledgers: LedgerStore, at: LedgerAt, update: { readonly change: LedgerChange; readonly options: UpdateOptions }): Promise<LedgerUpdate | undefined> {
  const { change, options } = update;
  const attempts = options.attempts ?? DEFAULT_LEDGER_ATTEMPTS;
  let held = options.from ?? await ledgers.getLedger(at.clusterId, at.node);
  for (let attempt = 1; ; attempt++) {
    const next = change(held?.ledger);
    if (next === undefined) return undefined;
    const written = await ledgers.writeLedger(next, held?.version ?? 'absent');
    if (written.kind === 'written') return { before: held, written: written.item };
    if (attempt >= attempts) throw new AppError('VERSION_CONFLICT', `ledger of node ${at.node} kept changing while ${options.doing}`, { details: { clusterId: at.clusterId, node: at.node, attempts } });
    held = written.current;
  }
}

/** The {@link LedgerStore} on a StateStore. */
export function createLedgerStore(store: StateStore): LedgerStore {
  const ledgers: LedgerStore = {
    readPool: async (clusterId, pool) => (await store.query(poolLedgersPartition(clusterId, pool), { byLookup: true })).map(toLedger),
    getLedger: async (clusterId, node) => {
      const item = await store.get(ledgerKey(clusterId, node));
      return item === undefined ? undefined : toLedger(item);
    },
    getLedgers: async (nodes) => (await store.getMany(nodes.map((at) => ledgerKey(at.clusterId, at.node)))).map((item) => item === undefined ? undefined : toLedger(item)),
    writeLedger: (ledger, expect) => conditional(() => store.put({
      ...ledgerKey(ledger.clusterId, ledger.node), data: ledger, lookup: ledgerLookup(ledger.clusterId, ledger.pool, ledger.node),
    }, { expectVersion: expect }), toLedger),
    updateLedger: (at, change, options) => updateLedger(ledgers, at, { change, options }),
    getPodAllocation: async (clusterId, podUid) => {
      const item = await store.get(podAllocationKey(clusterId, podUid));
      return item === undefined ? undefined : toEntry(item);
    },
    getPodAllocations: async (pods) => (await store.getMany(pods.map((pod) => podAllocationKey(pod.clusterId, pod.podUid)))).map((item) => item === undefined ? undefined : toEntry(item)),
    writePodAllocation: (entry, expect, expiresAt) => conditional(() => store.put({
      ...podAllocationKey(entry.clusterId, entry.podUid), data: entry,
      ...(expiresAt === undefined ? {} : { expiresAt }),
    }, { expectVersion: expect }), toEntry),
    markWaiting: async (entry) => {
      await store.put({ ...waitingKey(entry.clusterId, entry.pool, entry.podUid), data: entry });
    },
    listWaiting: async (clusterId, pool, limit) => (await store.query(waitingPartition(clusterId, pool), { limit })).map((item) => parsed(waitingPodSchema, item)),
    clearWaiting: async (entry, now) => {
      await store.put({ ...waitingKey(entry.clusterId, entry.pool, entry.podUid), data: entry, expiresAt: epochSeconds(now) });
    },
  };
  return ledgers;
}
