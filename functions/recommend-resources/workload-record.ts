import type { AutoscaleRecord } from '../../shared/core/autoscaling/autoscale-record.ts';
import { hasErrorCode } from '../../shared/core/errors.ts';
import { itemId, type ItemData, type ItemKey, type StateItem, type StateStore } from '../../shared/ports/state-store.ts';

/** The record's place in the table: one item per workload, under its cluster. */
export const recordKey = (at: { readonly clusterId: string; readonly namespace: string; readonly workload: string }): ItemKey =>
  ({ pk: `cluster#${at.clusterId}#workload#${at.namespace}#${at.workload}`, sk: 'autoscaling' });

/**
 * The item's data for `record`: JSON text under `record`, one string attribute, since the SDK and the table
 * would otherwise marshal and check a few hundred nested numbers on every write (bench:recommend).
 */
const storedRecord = (record: AutoscaleRecord): ItemData => ({ record: JSON.stringify(record) });

/** The record an item holds: JSON text, or the map items written before {@link storedRecord} hold. */
export function recordOf(item: StateItem | undefined): AutoscaleRecord | undefined {
  const stored = item?.data['record'];
  return typeof stored === 'string' ? JSON.parse(stored) as AutoscaleRecord : stored as AutoscaleRecord | undefined;
}

/** How many times a lost race is re-read and re-decided before the records are handed back for retry. */
const ATTEMPTS = 5;

/** A record as last read or written by this instance, with its version. */
interface Seen {
  readonly record: AutoscaleRecord | undefined;
  readonly version: number | 'absent';
  readonly cached: boolean;
}

/**
 * Records this instance wrote last, with their versions (ARCHITECTURE §7: the table is touched once per
 * decision, plus reads on a cache miss). A stale entry costs one failed conditional write, then a read.
 * Bounded: the oldest entry goes first.
 */
export interface RecordCache {
  get(key: ItemKey): { readonly record: AutoscaleRecord; readonly version: number } | undefined;
  set(key: ItemKey, entry: { readonly record: AutoscaleRecord; readonly version: number }): void;
  delete(key: ItemKey): void;
}

/** A {@link RecordCache} of at most `limit` workloads. */
export function createRecordCache(limit = 10_000): RecordCache {
  const entries = new Map<string, { readonly record: AutoscaleRecord; readonly version: number }>();
  return {
    get: (key) => entries.get(itemId(key)),
    set: (key, entry) => {
      entries.delete(itemId(key));
      entries.set(itemId(key), entry);
      if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    },
    delete: (key) => entries.delete(itemId(key)),
  };
}

const seenOf = (item: StateItem | undefined): Seen =>
  ({ record: recordOf(item), version: item?.version ?? 'absent', cached: false });

const read = async (store: StateStore, key: ItemKey): Promise<Seen> => seenOf(await store.get(key));

/** A record read ahead for a step (`item` undefined: the table has none). */
export interface Prefetched {
  readonly item: StateItem | undefined;
}

/**
 * The records of `keys` the cache does not hold, read in one `getMany` (one BatchGetItem per 100 keys)
 * before a batch's workloads are stepped, so a cold instance does not pay one GetItem per workload.
 * Keyed by {@link itemId}. Nothing to read: no call.
 */
export async function prefetchRecords(store: StateStore, cache: RecordCache, keys: readonly ItemKey[]): Promise<Map<string, Prefetched>> {
  const missing = keys.filter((key) => cache.get(key) === undefined);
  const prefetched = new Map<string, Prefetched>();
  if (missing.length === 0) return prefetched;
  const items = await store.getMany(missing);
  missing.forEach((key, index) => prefetched.set(itemId(key), { item: items[index] }));
  return prefetched;
}

/**
 * Take the record (from the cache, else as `prefetched`, else the table), let `decide` fold the batch in, and write it back
 * only if nobody wrote in between (STYLE rule 5): the one write per workload per batch, none when the
 * batch brought nothing new (then from a fresh read, so a stale cached record never drives a decision).
 * A lost race re-reads and decides again; after {@link ATTEMPTS} it fails with `VERSION_CONFLICT`
 * (retryable: the records come back).
 */
export async function updateRecord<T extends { readonly record: AutoscaleRecord; readonly changed: boolean }>(
  at: { readonly store: StateStore; readonly cache: RecordCache; readonly key: ItemKey; readonly prefetched?: Prefetched | undefined }, decide: (previous: AutoscaleRecord | undefined) => Promise<T>,
): Promise<T> {
  const { store, cache, key } = at;
  const hit = cache.get(key);
  let seen: Seen = hit !== undefined ? { ...hit, cached: true } : at.prefetched !== undefined ? seenOf(at.prefetched.item) : await read(store, key);
  for (let attempt = 1; ; attempt++) {
    const decided = await decide(seen.record);
    if (!decided.changed && seen.cached) {
      seen = await read(store, key);
      continue;
    }
    if (!decided.changed) return decided;
    try {
      const written = await store.put({ ...key, data: storedRecord(decided.record) }, { expectVersion: seen.version });
      cache.set(key, { record: decided.record, version: written.version });
      return decided;
    } catch (error) {
      cache.delete(key);
      if (!hasErrorCode(error, 'VERSION_CONFLICT') || attempt >= ATTEMPTS) throw error;
      seen = await read(store, key);
    }
  }
}
