import { describe, expect, it } from 'vitest';
import { requestWith } from '../../fixtures/allocation.ts';
import type { TracePod } from './openb-trace.ts';
import { seededRandom, shuffle } from './prng.ts';
import { allocationAt, scalePods } from './protocol.ts';

const pod = (name: string, milli: number): TracePod => ({ name, milli, request: requestWith({}) });
const total = (pods: readonly TracePod[]) => pods.reduce((sum, entry) => sum + entry.milli, 0);

describe('Function: scalePods()', () => {
  const pods = [pod('a', 1000), pod('b', 500), pod('c', 0), pod('d', 2000)];

  it('adds pods drawn from the list until the next one would pass 1.3 x capacity', () => {
    const scaled = scalePods(pods, { capacityMilli: 10_000, random: seededRandom(42) });
    expect(scaled.slice(0, 4)).toEqual(pods);
    expect(total(scaled)).toBeLessThanOrEqual(13_000);
    expect(total(scaled)).toBeGreaterThan(13_000 - 2000);
  });

  it('drops pods at random until the total is within the target', () => {
    const scaled = scalePods(pods, { capacityMilli: 1000, random: seededRandom(7), ratio: 1.3 });
    expect(total(scaled)).toBeLessThanOrEqual(1300);
    expect(scaled.every((entry) => pods.includes(entry))).toBe(true);
  });

  it('is the same for the same seed', () => {
    const once = scalePods(pods, { capacityMilli: 10_000, random: seededRandom(1) });
    expect(scalePods(pods, { capacityMilli: 10_000, random: seededRandom(1) })).toEqual(once);
  });
});

describe('Function: allocationAt()', () => {
  const curve = [
    { arrivedPct: 99.4, allocatedPct: 90 },
    { arrivedPct: 99.6, allocatedPct: 91 },
    { arrivedPct: 100.4, allocatedPct: 92 },
    { arrivedPct: 128.2, allocatedPct: 93 },
  ];

  it.each([
    { name: 'the mean of the points that round to it', percent: 100, expected: 91.5 },
    { name: 'the points within one point when none rounds to it', percent: 129, expected: 93 },
    { name: 'nothing far from every point', percent: 50, expected: Number.NaN },
  ])('reads $name', ({ percent, expected }) => {
    expect(allocationAt(curve, percent)).toBe(expected);
  });
});

describe('Function: seededRandom(), shuffle()', () => {
  it('repeats for a seed, stays in [0, 1), and shuffles to a permutation', () => {
    const draws = Array.from({ length: 1000 }, seededRandom(3));
    expect(Array.from({ length: 1000 }, seededRandom(3))).toEqual(draws);
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
    const items = Array.from({ length: 50 }, (_, index) => index);
    expect(shuffle([...items], seededRandom(3)).sort((left, right) => left - right)).toEqual(items);
  });
});
