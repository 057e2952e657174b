import type { AutoscaleRecord } from '../../shared/core/autoscaling/autoscale-record.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { ItemKey, StateStore } from '../../shared/ports/state-store.ts';

/** The record's place in the table: one item per workload, under its cluster. */
export const recordKey = (at: { readonly clusterId: string; readonly namespace: string; readonly workload: string }): ItemKey =>
  ({ pk: `cluster#${at.clusterId}#workload#${at.namespace}#${at.workload}`, sk: 'autoscaling' });

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
  const id = (key: ItemKey): string => `${key.pk}\u0000${key.sk}`;
  return {
    get: (key) => entries.get(id(key)),
    set: (key, entry) => {
      entries.delete(id(key));
      entries.set(id(key), entry);
      if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    },
    delete: (key) => entries.delete(id(key)),
  };
}

const isConflict = (error: unknown): boolean => error instanceof AppError && error.code === 'VERSION_CONFLICT';

async function read(store: StateStore, key: ItemKey): Promise<Seen> {
  const item = await store.get(key);
  return { record: item?.data['record'] as AutoscaleRecord | undefined, version: item?.version ?? 'absent', cached: false };
}

/**
 * Take the record (from the cache, else the table), let `decide` fold the batch in, and write it back
 * only if nobody wrote in between (STYLE rule 5): the one write per workload per batch, none when the
 * batch brought nothing new (then from a fresh read, so a stale cached record never drives a decision).
 * A lost race re-reads and decides again; after {@link ATTEMPTS} it fails with `VERSION_CONFLICT`
 * (retryable: the records come back).
 */
export async function updateRecord<T extends { readonly record: AutoscaleRecord; readonly changed: boolean }>(
  at: { readonly store: StateStore; readonly cache: RecordCache; readonly key: ItemKey }, decide: (previous: AutoscaleRecord | undefined) => Promise<T>,
): Promise<T> {
  const { store, cache, key } = at;
  const hit = cache.get(key);
  let seen: Seen = hit === undefined ? await read(store, key) : { ...hit, cached: true };
  for (let attempt = 1; ; attempt++) {
    const decided = await decide(seen.record);
    if (!decided.changed && seen.cached) {
      seen = await read(store, key);
      continue;
    }
    if (!decided.changed) return decided;
    try {
      const written = await store.put({ ...key, data: { record: decided.record } }, { expectVersion: seen.version });
      cache.set(key, { record: decided.record, version: written.version });
      return decided;
    } catch (error) {
      cache.delete(key);
      if (!isConflict(error) || attempt >= ATTEMPTS) throw error;
      seen = await read(store, key);
    }
  }
}
