import { BATCH_GET_KEYS } from '../../../shared/adapters/dynamodb/batch-read.ts';
import { itemId, type StateStore } from '../../../shared/ports/state-store.ts';

/** Calls the function made on the StateStore port, by kind; `getMany` counted as the BatchGetItem calls it costs ({@link BATCH_GET_KEYS} keys each). */
export interface TableCalls {
  get: number;
  getMany: number;
  put: number;
  update: number;
  query: number;
}

/** `store` counting its calls into `calls`. */
export function counting(store: StateStore, calls: TableCalls): StateStore {
  return {
    get: (key) => { calls.get += 1; return store.get(key); },
    getMany: (keys) => { calls.getMany += Math.ceil(new Set(keys.map(itemId)).size / BATCH_GET_KEYS); return store.getMany(keys); },
    put: (item, options) => { calls.put += 1; return store.put(item, options); },
    update: (key, changes, options) => { calls.update += 1; return store.update(key, changes, options); },
    query: (partition, options) => { calls.query += 1; return store.query(partition, options); },
  };
}

export const noCalls = (): TableCalls => ({ get: 0, getMany: 0, put: 0, update: 0, query: 0 });
/** `calls` per batch over `batches`, by kind, to two decimals. */
export const perBatch = (calls: TableCalls, batches: number) => Object.fromEntries(Object.entries(calls).map(([kind, count]) => [kind, Math.round((count / batches) * 100) / 100]));
export const total = (calls: TableCalls): number => calls.get + calls.getMany + calls.put + calls.update + calls.query;
