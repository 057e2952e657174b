import { describe, expect, it } from 'vitest';
import { splitByWeight } from './split-by-weight.ts';

describe('Function: splitByWeight()', () => {
  it.each([
    { name: 'one user takes it all', total: 80, weights: [5], expected: [80] },
    { name: 'in proportion to weights', total: 90, weights: [1, 2], expected: [30, 60] },
    { name: 'evenly when no weight is known', total: 60, weights: [0, 0, 0], expected: [20, 20, 20] },
    { name: 'negative weights count as zero', total: 50, weights: [-3, 1], expected: [0, 50] },
    { name: 'no users', total: 50, weights: [], expected: [] },
  ])('$name', ({ total, weights, expected }) => {
    expect(splitByWeight(total, weights)).toEqual(expected);
  });
});
