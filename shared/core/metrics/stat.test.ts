import { describe, expect, it } from 'vitest';
import { addToStat, EMPTY_STAT, toMaxMean } from './stat.ts';

const statOf = (values: readonly number[]) => values.reduce(addToStat, EMPTY_STAT);

describe('Function: toMaxMean()', () => {
  it.each([
    { name: 'no values', values: [], expected: { max: 0, mean: 0 } },
    { name: 'one value', values: [42], expected: { max: 42, mean: 42 } },
    { name: 'peak and mean', values: [10, 30, 20], expected: { max: 30, mean: 20 } },
    { name: 'negative first value keeps its own peak', values: [-5, -7], expected: { max: -5, mean: -6 } },
    { name: 'mean capped at the peak when rounding overshoots', values: [0.1, 0.1, 0.1], expected: { max: 0.1, mean: 0.1 } },
  ])('$name', ({ values, expected }) => {
    expect(toMaxMean(statOf(values))).toEqual(expected);
  });

  it('counts every value', () => {
    expect(statOf([1, 2, 3]).count).toBe(3);
  });
});
