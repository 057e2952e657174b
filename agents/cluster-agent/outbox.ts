/** One entry waiting in the outbox; `seq` changes whenever a newer state of its object replaces it. */
export interface OutboxEntry<T> {
  readonly key: string;
  readonly item: T;
  readonly seq: number;
}

/** A bounded, coalescing queue of the latest state per object, in the order the latest states arrived. */
export interface Outbox<T> {
  /**
   * Queue `item` as the latest state of `key`. A key already waiting is replaced and moved to the tail
   * (so what is sent is always a subsequence of what happened, and the final state is never lost); a new
   * key waits while the outbox is full (backpressure). Resolves once queued.
   */
  put(key: string, item: T): Promise<void>;
  /** Up to `max` entries from the head, not removed. */
  peek(max: number): OutboxEntry<T>[];
  /** Remove `entries` once sent, except those replaced meanwhile (their newer state is still to go). */
  settle(entries: readonly OutboxEntry<T>[]): void;
  /** Resolves when at least one entry waits (at once if one does), or when `signal` aborts. */
  waitForEntries(signal: AbortSignal): Promise<void>;
  size(): number;
  /** Counts: replaced entries, and puts that had to wait for room. */
  stats(): { readonly coalesced: number; readonly waited: number };
}

/** An outbox holding at most `capacity` objects. */
export function createOutbox<T>(capacity: number): Outbox<T> {
  const entries = new Map<string, OutboxEntry<T>>();
  const roomWaiters: (() => void)[] = [];
  let entryWaiters: (() => void)[] = [];
  let seq = 0;
  const counts = { coalesced: 0, waited: 0 };
  const insert = (key: string, item: T): void => {
    if (entries.delete(key)) counts.coalesced += 1;
    entries.set(key, { key, item, seq: (seq += 1) });
    for (const wake of entryWaiters.splice(0)) wake();
  };
  return {
    async put(key, item) {
      if (!entries.has(key) && entries.size >= capacity) {
        counts.waited += 1;
        while (!entries.has(key) && entries.size >= capacity) await new Promise<void>((resolve) => roomWaiters.push(resolve));
      }
      insert(key, item);
    },
    peek(max) {
      const head: OutboxEntry<T>[] = [];
      for (const entry of entries.values()) {
        if (head.length >= max) break;
        head.push(entry);
      }
      return head;
    },
    settle(sent) {
      for (const entry of sent) if (entries.get(entry.key)?.seq === entry.seq) entries.delete(entry.key);
      while (roomWaiters.length > 0 && entries.size < capacity) roomWaiters.shift()?.();
    },
    waitForEntries(signal) {
      if (entries.size > 0 || signal.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const wake = (): void => { entryWaiters = entryWaiters.filter((waiter) => waiter !== wake); resolve(); };
        entryWaiters.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    },
    size: () => entries.size,
    stats: () => ({ ...counts }),
  };
}
