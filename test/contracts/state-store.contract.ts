// The StateStore contract (STYLE §5): one suite, run against shared/adapters/memory and against the
// DynamoDB adapter on a real dynalite (test/integration/dynamodb.test.ts).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError, hasErrorCode } from '../../shared/core/errors.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type { ItemKey, StateItem, StateStore } from '../../shared/ports/state-store.ts';

/** A settable clock shared by a store and its test. */
interface TestClock extends Clock {
  set(epochSeconds: number): void;
}

/** Makes a store whose expiry decisions read `clock`. */
export type StateStoreFactory = (clock: Clock) => StateStore;

const START = 1_800_000_000;

function testClock(): TestClock {
  let seconds = START;
  return { now: () => new Date(seconds * 1000), set: (value) => { seconds = value; } };
}

function setup(factory: StateStoreFactory): { store: StateStore; clock: TestClock; key: (sk?: string) => ItemKey; partition: string } {
  const clock = testClock();
  const partition = `contract#${randomUUID()}`;
  return { store: factory(clock), clock, partition, key: (sk = 'item') => ({ pk: partition, sk }) };
}

/** Run `work` and return the AppError it rejects with (failing the test when it resolves). */
async function rejection(work: Promise<unknown>): Promise<AppError> {
  const error: unknown = await work.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function increment(store: StateStore, key: ItemKey, counters: { conflicts: number }): Promise<void> {
  for (;;) {
    const current = await store.get(key);
    if (current === undefined) throw new Error('counter item vanished');
    try {
      await store.update(key, { set: { count: Number(current.data['count']) + 1 } }, { expectVersion: current.version });
      return;
    } catch (error) {
      if (!hasErrorCode(error, 'VERSION_CONFLICT')) throw error;
      counters.conflicts += 1;
    }
  }
}

/** The behaviour every StateStore adapter must show. `name` names the adapter in the describe block. */
export function stateStoreContract(name: string, factory: StateStoreFactory): void {
  describe(`Contract: StateStore (${name})`, () => {
    it('answers undefined for an item never written', async () => {
      const { store, key } = setup(factory);
      expect(await store.get(key())).toBeUndefined();
    });

    it('creates an item at version 1 and reads back exactly what was written', async () => {
      const { store, key } = setup(factory);
      const item = { ...key(), data: { gpus: ['gpu-0', 'gpu-1'], free: { vramBytes: 42, tflops: 1.5 }, note: null }, expiresAt: START + 60,
        lookup: { partition: 'pod#uid-1', sort: 'alloc' } };
      const stored = await store.put(item, { expectVersion: 'absent' });
      expect(stored).toEqual({ ...item, version: 1 });
      expect(await store.get(key())).toEqual(stored);
    });

    it('refuses to create over a live item, with the current item in the details', async () => {
      const { store, key } = setup(factory);
      const first = await store.put({ ...key(), data: { n: 1 } }, { expectVersion: 'absent' });
      const error = await rejection(store.put({ ...key(), data: { n: 2 } }, { expectVersion: 'absent' }));
      expect(error.code).toBe('VERSION_CONFLICT');
      expect(error.message).toContain(key().pk);
      expect(error.details).toEqual({ key: key(), expectedVersion: 'absent', current: first });
    });

    it('replaces an item at the expected version and raises the version by one', async () => {
      const { store, key } = setup(factory);
      await store.put({ ...key(), data: { n: 1 }, expiresAt: START + 60, lookup: { partition: 'p', sort: 's' } }, { expectVersion: 'absent' });
      const second = await store.put({ ...key(), data: { n: 2 } }, { expectVersion: 1 });
      expect(second).toEqual({ ...key(), data: { n: 2 }, version: 2 });
      const error = await rejection(store.put({ ...key(), data: { n: 3 } }, { expectVersion: 1 }));
      expect(error.code).toBe('VERSION_CONFLICT');
      expect(error.details['current']).toEqual(second);
    });

    it('answers a versioned replace with exactly the item a read then returns: nested data, expiry and lookup', async () => {
      const { store, key } = setup(factory);
      await store.put({ ...key(), data: { n: 1 } }, { expectVersion: 'absent' });
      const item = { ...key(), data: { text: '{"a":[1,2]}', nested: { list: [0.1, -3, 'x', null, true], empty: {} } }, expiresAt: START + 60, lookup: { partition: 'p', sort: 's' } };
      const second = await store.put(item, { expectVersion: 1 });
      expect(second).toEqual({ ...item, version: 2 });
      expect(await store.get(key())).toEqual(second);
      const third = await store.put({ ...key(), data: { n: 3 } }, { expectVersion: 2 });
      expect(third).toEqual(await store.get(key()));
      expect(third).not.toHaveProperty('expiresAt');
      expect(third).not.toHaveProperty('lookup');
    });

    it('writes unconditionally without an expectation, still counting versions', async () => {
      const { store, key } = setup(factory);
      expect((await store.put({ ...key(), data: { n: 1 } })).version).toBe(1);
      expect((await store.put({ ...key(), data: { n: 2 } })).version).toBe(2);
      expect((await store.get(key()))?.data).toEqual({ n: 2 });
    });

    it('updates data fields at the expected version: set, remove, new expiry', async () => {
      const { store, key } = setup(factory);
      await store.put({ ...key(), data: { a: 1, b: { deep: true }, c: 'x' } }, { expectVersion: 'absent' });
      const updated = await store.update(key(), { set: { a: 2, d: [1, 2] }, remove: ['c'], expiresAt: START + 10 }, { expectVersion: 1 });
      expect(updated).toEqual({ ...key(), data: { a: 2, b: { deep: true }, d: [1, 2] }, expiresAt: START + 10, version: 2 });
      expect(await store.get(key())).toEqual(updated);
    });

    it('rejects a stale update with VERSION_CONFLICT and leaves the item as it was', async () => {
      const { store, key } = setup(factory);
      await store.put({ ...key(), data: { a: 1 } }, { expectVersion: 'absent' });
      const current = await store.update(key(), { set: { a: 2 } }, { expectVersion: 1 });
      const error = await rejection(store.update(key(), { set: { a: 99 } }, { expectVersion: 1 }));
      expect(error.code).toBe('VERSION_CONFLICT');
      expect(error.retryable).toBe(true);
      expect(error.details).toEqual({ key: key(), expectedVersion: 1, current });
      expect(await store.get(key())).toEqual(current);
    });

    it('rejects an update that both sets and removes a field with INVALID_INPUT', async () => {
      const { store, key } = setup(factory);
      await store.put({ ...key(), data: { a: 1 } }, { expectVersion: 'absent' });
      const error = await rejection(store.update(key(), { set: { a: 2, b: 1 }, remove: ['a'] }, { expectVersion: 1 }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain('both set and removed: a');
      expect(await store.query(key().pk, { limit: 0 })).toEqual([]);
    });

    it('rejects an update of a missing item with VERSION_CONFLICT and current null', async () => {
      const { store, key } = setup(factory);
      const error = await rejection(store.update(key('missing'), { set: { a: 1 } }, { expectVersion: 1 }));
      expect(error.code).toBe('VERSION_CONFLICT');
      expect(error.details['current']).toBeNull();
    });

    it('queries a partition in sort-key order, by prefix and with a limit', async () => {
      const { store, key, partition } = setup(factory);
      for (const sk of ['node#b', 'pod#a', 'node#c', 'node#a']) await store.put({ ...key(sk), data: { sk } });
      const sortKeys = (items: readonly StateItem[]): string[] => items.map((item) => item.sk);
      expect(sortKeys(await store.query(partition))).toEqual(['node#a', 'node#b', 'node#c', 'pod#a']);
      expect(sortKeys(await store.query(partition, { prefix: 'node#' }))).toEqual(['node#a', 'node#b', 'node#c']);
      expect(sortKeys(await store.query(partition, { prefix: 'node#', limit: 2 }))).toEqual(['node#a', 'node#b']);
      expect(await store.query(`${partition}-other`)).toEqual([]);
    });

    it('queries by lookup partition, ordered by lookup sort key', async () => {
      const { store, key, partition } = setup(factory);
      const lookup = `${partition}#by-pod`;
      await store.put({ ...key('ledger#2'), data: {}, lookup: { partition: lookup, sort: 'b' } });
      await store.put({ ...key('ledger#1'), data: {}, lookup: { partition: lookup, sort: 'a' } });
      await store.put({ ...key('ledger#3'), data: {} });
      const found = await store.query(lookup, { byLookup: true });
      expect(found.map((item) => item.sk)).toEqual(['ledger#1', 'ledger#2']);
      expect((await store.query(lookup, { byLookup: true, prefix: 'b' })).map((item) => item.sk)).toEqual(['ledger#2']);
    });

    it('treats expired items as absent: get, query, update and create', async () => {
      const { store, key, partition, clock } = setup(factory);
      await store.put({ ...key('short'), data: {}, expiresAt: START + 10 });
      await store.put({ ...key('short'), data: {}, expiresAt: START + 10 });
      await store.put({ ...key('long'), data: {}, expiresAt: START + 1000 });
      clock.set(START + 10);
      expect(await store.get(key('short'))).toBeUndefined();
      expect((await store.query(partition)).map((item) => item.sk)).toEqual(['long']);
      const error = await rejection(store.update(key('short'), { set: { a: 1 } }, { expectVersion: 2 }));
      expect(error.details['current']).toBeNull();
      const recreated = await store.put({ ...key('short'), data: { again: true } }, { expectVersion: 'absent' });
      expect(recreated.version).toBe(3);
      expect(recreated.expiresAt).toBeUndefined();
    });

    it('reads many items at once in the order asked: missing, expired and repeated keys included', async () => {
      const { store, key, clock } = setup(factory);
      const a = await store.put({ ...key('a'), data: { n: 1 }, lookup: { partition: 'p', sort: 's' } });
      const b = await store.put({ ...key('b'), data: { nested: { list: [1, 2.5, 'x'] } } });
      await store.put({ ...key('expiring'), data: {}, expiresAt: START + 10 });
      clock.set(START + 10);
      const found = await store.getMany([key('b'), key('missing'), key('a'), key('expiring'), key('b')]);
      expect(found).toEqual([b, undefined, a, undefined, b]);
      expect(await store.getMany([])).toEqual([]);
    });

    it('reads more keys than one DynamoDB batch holds (250 keys, 100 a call)', async () => {
      const { store, key } = setup(factory);
      const written = await Promise.all(Array.from({ length: 240 }, (_, index) => store.put({ ...key(`item-${index}`), data: { index } })));
      const keys = Array.from({ length: 250 }, (_, index) => key(`item-${index}`));
      const found = await store.getMany(keys);
      expect(found.slice(0, 240)).toEqual(written);
      expect(found.slice(240)).toEqual(Array.from({ length: 10 }, () => undefined));
    });

    it('loses no update in a conditional-write race: 8 writers x 25 increments = 200', async () => {
      const { store, key } = setup(factory);
      await store.put({ ...key('counter'), data: { count: 0 } }, { expectVersion: 'absent' });
      const counters = { conflicts: 0 };
      const started = performance.now();
      await Promise.all(Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 25; i += 1) await increment(store, key('counter'), counters);
      }));
      const elapsedMs = Math.round(performance.now() - started);
      const final = await store.get(key('counter'));
      console.info(`StateStore race (${name}): 200 increments by 8 writers in ${elapsedMs} ms, ${counters.conflicts} VERSION_CONFLICT retries`);
      expect(final?.data['count']).toBe(200);
      expect(final?.version).toBe(201);
    }, 120_000);
  });
}
