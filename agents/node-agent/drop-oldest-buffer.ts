/** An item waiting in the buffer, with its place in the sequence. */
export interface Buffered<T> {
  readonly seq: number;
  readonly item: T;
}

/** A bounded FIFO that drops its oldest item to make room, and counts what it dropped. */
export interface DropOldestBuffer<T> {
  push(item: T): void;
  /** Up to `max` items from the head, not removed. */
  peek(max: number): Buffered<T>[];
  /** Remove every item up to and including `seq` (what was sent; drops meanwhile are accounted for). */
  settle(seq: number): void;
  /** Resolves when an item waits, at once if one does, or when `signal` aborts. */
  waitForItems(signal: AbortSignal): Promise<void>;
  /** Resolves when there is room (for producers that would rather wait than drop: a replay). */
  waitForRoom(): Promise<void>;
  size(): number;
  dropped(): number;
}

/** A buffer of at most `capacity` items. */
export function createDropOldestBuffer<T>(capacity: number): DropOldestBuffer<T> {
  let items: Buffered<T>[] = [];
  let seq = 0;
  let dropped = 0;
  let itemWaiters: (() => void)[] = [];
  const roomWaiters: (() => void)[] = [];
  return {
    push(item) {
      items.push({ seq: (seq += 1), item });
      if (items.length > capacity) {
        dropped += items.length - capacity;
        items = items.slice(items.length - capacity);
      }
      for (const wake of itemWaiters.splice(0)) wake();
    },
    peek: (max) => items.slice(0, max),
    settle(upTo) {
      const from = items.findIndex((entry) => entry.seq > upTo);
      items = from < 0 ? [] : items.slice(from);
      if (items.length < capacity) for (const wake of roomWaiters.splice(0)) wake();
    },
    waitForItems(signal) {
      if (items.length > 0 || signal.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const wake = (): void => { itemWaiters = itemWaiters.filter((waiter) => waiter !== wake); resolve(); };
        itemWaiters.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    },
    waitForRoom: () => (items.length < capacity ? Promise.resolve() : new Promise<void>((resolve) => { roomWaiters.push(resolve); })),
    size: () => items.length,
    dropped: () => dropped,
  };
}
