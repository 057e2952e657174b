/** Values remembered by string key, at most `limit` of them (see {@link createBoundedCache}). */
export interface BoundedCache<V> {
  get(key: string): V | undefined;
  /** Remember `value` under `key` and return it. */
  set(key: string, value: V): V;
}

/**
 * A cache for the results of pure functions, keyed by content: once it holds `limit` keys it forgets them
 * all at once, which is cheap and keeps memory bounded however many node states a long run visits.
 * Forgetting changes speed, never answers.
 */
export function createBoundedCache<V>(limit: number): BoundedCache<V> {
  const values = new Map<string, V>();
  return {
    get: (key) => values.get(key),
    set(key, value) {
      if (values.size >= limit) values.clear();
      values.set(key, value);
      return value;
    },
  };
}
