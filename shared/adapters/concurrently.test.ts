import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { concurrently } from './concurrently.ts';

describe('Function: concurrently()', () => {
  it.each([
    { name: 'more items than the limit', items: [5, 1, 4, 2, 3], limit: 2, most: 2 },
    { name: 'fewer items than the limit', items: [3, 1], limit: 16, most: 2 },
    { name: 'no items', items: [], limit: 4, most: 0 },
  ])('keeps input order and at most the limit in flight: $name', async ({ items, limit, most }) => {
    let running = 0;
    let peak = 0;
    const results = await concurrently(items, limit, async (item) => {
      peak = Math.max(peak, ++running);
      await sleep(item);
      running--;
      return item * 10;
    });
    expect(results).toEqual(items.map((item) => item * 10));
    expect(peak).toBe(most);
  });

  it('rejects with the first failure', async () => {
    await expect(concurrently([1, 2, 3], 2, async (item) => {
      if (item === 2) throw new Error('item 2 broke');
      return item;
    })).rejects.toThrow('item 2 broke');
  });
});
