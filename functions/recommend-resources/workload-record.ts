import type { AutoscaleRecord } from '../../shared/core/autoscaling/autoscale-record.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { ItemKey, StateStore } from '../../shared/ports/state-store.ts';

/** The record's place in the table: one item per workload, under its cluster. */
export const recordKey = (at: { readonly clusterId: string; readonly namespace: string; readonly workload: string }): ItemKey =>
  ({ pk: `cluster#${at.clusterId}#workload#${at.namespace}#${at.workload}`, sk: 'autoscaling' });

/** How many times a lost race is re-read and re-decided before the records are handed back for retry. */
const ATTEMPTS = 5;

const isConflict = (error: unknown): boolean => error instanceof AppError && error.code === 'VERSION_CONFLICT';

/**
 * Read the record, let `decide` fold the batch in, and write it back only if nobody wrote in between
 * (STYLE rule 5): the one write per workload per batch, none when the batch brought nothing new. A lost race re-reads and decides again;
 * after {@link ATTEMPTS} it fails with `VERSION_CONFLICT` (retryable: the records come back).
 */
export async function updateRecord<T extends { readonly record: AutoscaleRecord; readonly changed: boolean }>(
  store: StateStore, key: ItemKey, decide: (previous: AutoscaleRecord | undefined) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const item = await store.get(key);
    const decided = await decide(item?.data['record'] as AutoscaleRecord | undefined);
    if (!decided.changed) return decided;
    try {
      await store.put({ ...key, data: { record: decided.record } }, { expectVersion: item?.version ?? 'absent' });
      return decided;
    } catch (error) {
      if (!isConflict(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}
