import { describe, expect, it } from 'vitest';
import { createBoundedCache } from './bounded-cache.ts';

describe('Function: createBoundedCache()', () => {
  it('remembers values by key and returns what it stores', () => {
    const cache = createBoundedCache<number>(10);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.set('a', 1)).toBe(1);
    expect(cache.get('a')).toBe(1);
  });

  it('forgets everything once it holds its limit, then keeps the new value', () => {
    const cache = createBoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, undefined, 3]);
  });
});
