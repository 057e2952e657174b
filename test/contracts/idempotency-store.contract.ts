// The IdempotencyStore contract (STYLE §5): one suite, run against shared/adapters/memory and against
// the DynamoDB adapter on a real dynalite (test/integration/dynamodb.test.ts).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IdempotencyStore } from '../../shared/ports/idempotency-store.ts';

const START = 1_800_000_000;
const at = (epochSeconds: number): Date => new Date(epochSeconds * 1000);
const freshKey = (): string => `contract/${randomUUID()}`;

/** The behaviour every IdempotencyStore adapter must show. */
export function idempotencyStoreContract(name: string, factory: () => IdempotencyStore): void {
  describe(`Contract: IdempotencyStore (${name})`, () => {
    it('starts work once: a second begin while the claim is live is in progress', async () => {
      const store = factory();
      const key = freshKey();
      expect(await store.begin(key, { ttlSeconds: 30, now: at(START) })).toBe('started');
      expect(await store.begin(key, { ttlSeconds: 30, now: at(START + 29) })).toBe('in-progress');
    });

    it('answers the remembered result once the work completed', async () => {
      const store = factory();
      const key = freshKey();
      const result = { placed: true, gpus: ['gpu-0'], node: { name: 'n1', free: 0.5 }, none: null };
      await store.begin(key, { ttlSeconds: 30, now: at(START) });
      await store.complete(key, result, { ttlSeconds: 3600, now: at(START + 5) });
      expect(await store.begin(key, { ttlSeconds: 30, now: at(START + 3000) })).toEqual({ completed: result });
    });

    it('lets work start again after release', async () => {
      const store = factory();
      const key = freshKey();
      await store.begin(key, { ttlSeconds: 30, now: at(START) });
      await store.release(key);
      expect(await store.begin(key, { ttlSeconds: 30, now: at(START + 1) })).toBe('started');
      await store.release(`${key}-never-claimed`);
    });

    it('treats an expired claim as absent (a crashed worker does not block for ever)', async () => {
      const store = factory();
      const key = freshKey();
      await store.begin(key, { ttlSeconds: 30, now: at(START) });
      expect(await store.begin(key, { ttlSeconds: 30, now: at(START + 30) })).toBe('started');
    });

    it('treats an expired result as absent', async () => {
      const store = factory();
      const key = freshKey();
      await store.begin(key, { ttlSeconds: 30, now: at(START) });
      await store.complete(key, 'done', { ttlSeconds: 60, now: at(START) });
      expect(await store.begin(key, { ttlSeconds: 30, now: at(START + 59) })).toEqual({ completed: 'done' });
      expect(await store.begin(key, { ttlSeconds: 30, now: at(START + 60) })).toBe('started');
    });

    it('lets exactly one of many concurrent callers start', async () => {
      const store = factory();
      const key = freshKey();
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.begin(key, { ttlSeconds: 30, now: at(START) })));
      expect(outcomes.filter((outcome) => outcome === 'started')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'in-progress')).toHaveLength(9);
    });
  });
}
