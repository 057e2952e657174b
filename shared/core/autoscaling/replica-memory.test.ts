import { describe, expect, it } from 'vitest';
import { afterScaling, meanUtilisation, rememberUtilisation } from './replica-memory.ts';

describe('Function: rememberUtilisation() and meanUtilisation()', () => {
  it('keeps the readings of the evaluation period only, and averages them', () => {
    const memory = rememberUtilisation({ points: [{ atMs: 0, utilisation: 9 }] }, [{ atMs: 50_000, utilisation: 0.5 }, { atMs: 60_000, utilisation: 1 }], { periodMs: 60_000, nowMs: 60_000 });
    expect(memory.points).toEqual([{ atMs: 50_000, utilisation: 0.5 }, { atMs: 60_000, utilisation: 1 }]);
    expect(meanUtilisation(memory)).toBe(0.75);
    expect(meanUtilisation({ points: [] })).toBeUndefined();
  });
});

describe('Function: afterScaling()', () => {
  it.each([
    { name: 'up: starts the scale-up cool-down', direction: 'up' as const, expected: { points: [], lastScaleUpMs: 5, lastScaleDownMs: 1 } },
    { name: 'down: starts the scale-down cool-down', direction: 'down' as const, expected: { points: [], lastScaleDownMs: 5 } },
  ])('$name, and forgets readings taken at the old count', ({ direction, expected }) => {
    expect(afterScaling({ points: [{ atMs: 1, utilisation: 1 }], lastScaleDownMs: 1 }, direction, 5)).toEqual(expected);
  });
});
