import { describe, expect, it } from 'vitest';
import { afterScaling, meanUtilisation, rememberUtilisation, utilisationByPod } from './replica-memory.ts';

describe('Function: rememberUtilisation() and meanUtilisation()', () => {
  it('keeps the readings of the evaluation period only, and averages them', () => {
    const memory = rememberUtilisation({ points: [{ pod: 'a', atMs: 0, utilisation: 9 }] }, [{ pod: 'a', atMs: 50_000, utilisation: 0.5 }, { pod: 'a', atMs: 60_000, utilisation: 1 }], { periodMs: 60_000, nowMs: 60_000 });
    expect(memory.points).toEqual([{ pod: 'a', atMs: 50_000, utilisation: 0.5 }, { pod: 'a', atMs: 60_000, utilisation: 1 }]);
    expect(meanUtilisation(memory)).toBe(0.75);
    expect(meanUtilisation({ points: [] })).toBeUndefined();
  });

  it('weighs each pod once, however many intervals it reported', () => {
    const memory = { points: [{ pod: 'a', atMs: 1, utilisation: 1 }, { pod: 'a', atMs: 2, utilisation: 0.5 }, { pod: 'b', atMs: 2, utilisation: 0.25 }] };
    expect(utilisationByPod(memory)).toEqual(new Map([['a', 0.75], ['b', 0.25]]));
    expect(meanUtilisation(memory)).toBe(0.5);
  });
});

describe('Function: afterScaling()', () => {
  it.each([
    { name: 'up: starts the scale-up cool-down', direction: 'up' as const, expected: { points: [], lastScaleUpMs: 5, lastScaleDownMs: 1 } },
    { name: 'down: starts the scale-down cool-down', direction: 'down' as const, expected: { points: [], lastScaleDownMs: 5 } },
  ])('$name, and forgets readings taken at the old count', ({ direction, expected }) => {
    expect(afterScaling({ points: [{ pod: 'a', atMs: 1, utilisation: 1 }], lastScaleDownMs: 1 }, direction, 5)).toEqual(expected);
  });
});
