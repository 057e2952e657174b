import { describe, expect, it } from 'vitest';
import { createOutbox } from './outbox.ts';

const never = new AbortController().signal;

describe('Function: createOutbox()', () => {
  it('keeps the latest state per key, moved to the tail, so what is sent is a subsequence of what happened', async () => {
    const outbox = createOutbox<string>(10);
    await outbox.put('a', 'a1');
    await outbox.put('b', 'b1');
    await outbox.put('a', 'a2');
    expect(outbox.peek(10).map((entry) => entry.item)).toEqual(['b1', 'a2']);
    expect(outbox.stats()).toEqual({ coalesced: 1, waited: 0 });
  });

  it('settles what was sent, but keeps an entry replaced while it was in flight', async () => {
    const outbox = createOutbox<string>(10);
    await outbox.put('a', 'a1');
    await outbox.put('b', 'b1');
    const batch = outbox.peek(10);
    await outbox.put('a', 'a2');
    outbox.settle(batch);
    expect(outbox.peek(10).map((entry) => entry.item)).toEqual(['a2']);
  });

  it('makes a new key wait while full, replaces a waiting key at once, and wakes the waiter when room frees', async () => {
    const outbox = createOutbox<string>(1);
    await outbox.put('a', 'a1');
    let queued = false;
    const waiting = outbox.put('b', 'b1').then(() => { queued = true; });
    await outbox.put('a', 'a2');
    await Promise.resolve();
    expect(queued).toBe(false);
    outbox.settle(outbox.peek(1));
    await waiting;
    expect(outbox.peek(5).map((entry) => entry.item)).toEqual(['b1']);
    expect(outbox.stats().waited).toBe(1);
  });

  it('peeks at most the number asked for', async () => {
    const outbox = createOutbox<number>(10);
    for (const n of [1, 2, 3]) await outbox.put(String(n), n);
    expect(outbox.peek(2).map((entry) => entry.item)).toEqual([1, 2]);
    expect(outbox.size()).toBe(3);
  });

  it('wakes a waiter for entries on a put, at once when entries wait, and on abort', async () => {
    const outbox = createOutbox<number>(10);
    const woken = outbox.waitForEntries(never);
    await outbox.put('x', 1);
    await woken;
    await outbox.waitForEntries(never);
    const empty = createOutbox<number>(1);
    const stop = new AbortController();
    const aborted = empty.waitForEntries(stop.signal);
    stop.abort();
    await aborted;
    await empty.waitForEntries(stop.signal);
  });
});
