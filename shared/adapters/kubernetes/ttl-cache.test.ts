import { describe, expect, it } from 'vitest';
import type { Clock } from '../../ports/clock.ts';
import { createTtlCache } from './ttl-cache.ts';

function setup(options: { maxEntries?: number; keep?: (value: string | undefined) => boolean } = {}) {
  let now = 0;
  const clock: Clock = { now: () => new Date(now) };
  const cache = createTtlCache<string | undefined>({ ttlMs: 1000, clock, ...options });
  let loads = 0;
  const load = (value: string | undefined) => () => {
    loads++;
    return Promise.resolve(value);
  };
  return { cache, load, loads: () => loads, advance: (ms: number) => (now += ms) };
}

describe('Adapter: kubernetes ttl-cache', () => {
  it('serves a loaded value until its TTL passes, then loads again', async () => {
    const { cache, load, loads, advance } = setup();
    expect(await cache.get('k', load('a'))).toBe('a');
    advance(999);
    expect(await cache.get('k', load('b'))).toBe('a');
    advance(1);
    expect(await cache.get('k', load('c'))).toBe('c');
    expect(loads()).toBe(2);
  });

  it('shares one load between concurrent misses', async () => {
    const { cache, load, loads } = setup();
    const [a, b] = await Promise.all([cache.get('k', load('a')), cache.get('k', load('b'))]);
    expect([a, b, loads()]).toEqual(['a', 'a', 1]);
  });

  it('loads again when asked for a fresh value, and caches that', async () => {
    const { cache, load } = setup();
    await cache.get('k', load('a'));
    expect(await cache.get('k', load('b'), true)).toBe('b');
    expect(await cache.get('k', load('c'))).toBe('b');
  });

  it('forgets a failed load and values `keep` rejects', async () => {
    const { cache, load, loads } = setup({ keep: (value) => value !== undefined });
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', load(undefined))).toBeUndefined();
    expect(await cache.get('k', load('a'))).toBe('a');
    expect(await cache.get('k', load('b'))).toBe('a');
    expect(loads()).toBe(2);
  });

  it('does not let a stale load forget a newer value', async () => {
    const { cache } = setup({ keep: (value) => value !== undefined });
    let finish: (value: string | undefined) => void = () => undefined;
    const slow = cache.get('k', () => new Promise((resolve) => (finish = resolve)));
    cache.set('k', 'written');
    finish(undefined);
    await slow;
    expect(await cache.get('k', () => Promise.resolve('reloaded'))).toBe('written');
  });

  it('drops the oldest key beyond maxEntries', async () => {
    const { cache, load, loads } = setup({ maxEntries: 2 });
    await cache.get('a', load('1'));
    await cache.get('b', load('2'));
    cache.set('c', '3');
    expect(await cache.get('b', load('x'))).toBe('2');
    expect(await cache.get('a', load('again'))).toBe('again');
    expect(loads()).toBe(3);
  });
});
