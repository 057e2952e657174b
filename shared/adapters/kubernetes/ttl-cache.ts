import type { Clock } from '../../ports/clock.ts';

/** Options of {@link createTtlCache}. */
export interface TtlCacheOptions<V> {
  /** How long a loaded value is served without asking again. */
  readonly ttlMs: number;
  readonly clock: Clock;
  /** At most this many keys; the oldest is dropped first. */
  readonly maxEntries?: number;
  /** Whether a loaded value may be kept (e.g. not "absent", so a newly created object is seen at once). */
  readonly keep?: (value: V) => boolean;
}

/** A small read-through cache: one load in flight per key, values kept for a fixed time. */
export interface TtlCache<V> {
  /** The cached value of `key`, or what `load` gives (then cached); `fresh` always loads. */
  get(key: string, load: () => Promise<V>, fresh?: boolean): Promise<V>;
  /** Replace the cached value of `key` (after a write that returned the new object). */
  set(key: string, value: V): void;
}

interface Entry<V> {
  readonly value: Promise<V>;
  readonly expiresAt: number;
}

/**
 * A TTL cache for API reads on the admission path. Concurrent misses for one key share one request, a
 * failed load is forgotten at once, and nothing outlives `ttlMs`, so a changed profile or pool is seen
 * within that time.
 */
export function createTtlCache<V>(options: TtlCacheOptions<V>): TtlCache<V> {
  const entries = new Map<string, Entry<V>>();
  const maxEntries = options.maxEntries ?? 1000;
  const now = (): number => options.clock.now().getTime();
  const put = (key: string, value: Promise<V>): void => {
    entries.delete(key);
    entries.set(key, { value, expiresAt: now() + options.ttlMs });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };
  return {
    get(key, load, fresh = false) {
      const entry = entries.get(key);
      if (!fresh && entry !== undefined && entry.expiresAt > now()) return entry.value;
      const value = load();
      put(key, value);
      const forget = (): void => {
        if (entries.get(key)?.value === value) entries.delete(key);
      };
      value.then((loaded) => (options.keep === undefined || options.keep(loaded) ? undefined : forget()), forget);
      return value;
    },
    set(key, value) {
      put(key, Promise.resolve(value));
    },
  };
}
