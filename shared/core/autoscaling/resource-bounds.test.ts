import { describe, expect, it } from 'vitest';
import { applyBounds, exceedsThreshold, requestLimitForQos, type ResourceBounds } from './resource-bounds.ts';

describe('Function: requestLimitForQos()', () => {
  const estimates = { lowerBound: 10, target: 20, upperBound: 30 };
  it.each([
    { name: 'low takes the lower bound', qos: 'low', expected: { request: 10, limit: 30 } },
    { name: 'medium takes the lower bound', qos: 'medium', expected: { request: 10, limit: 30 } },
    { name: 'high takes the target', qos: 'high', expected: { request: 20, limit: 30 } },
    { name: 'critical takes the upper bound', qos: 'critical', expected: { request: 30, limit: 30 } },
  ] as const)('$name', ({ qos, expected }) => {
    expect(requestLimitForQos(estimates, qos)).toEqual(expected);
  });
});

describe('Function: applyBounds()', () => {
  // Original request 20, limit 40; ratios ×[0.5, 2] → request in [10, 40], limit in [20, 80]; floor 5; capacity 100.
  const bounds: ResourceBounds = { floor: 5, minRatio: 0.5, maxRatio: 2, original: { request: 20, limit: 40 }, capacity: 100 };
  it.each([
    { name: 'inside every bound: unchanged', values: { request: 15, limit: 30 }, bounds, expected: { request: 15, limit: 30 } },
    { name: 'under the ratio bounds: raised to them', values: { request: 1, limit: 2 }, bounds, expected: { request: 10, limit: 20 } },
    { name: 'over the ratio bounds: lowered to them', values: { request: 50, limit: 90 }, bounds, expected: { request: 40, limit: 80 } },
    {
      name: 'under the floor, ratio bounds off (0): raised to the floor',
      values: { request: 1, limit: 2 }, bounds: { ...bounds, minRatio: 0, maxRatio: 0 }, expected: { request: 5, limit: 5 },
    },
    {
      name: 'over the capacity, ratio bounds off: capped, and the request with it',
      values: { request: 150, limit: 150 }, bounds: { ...bounds, minRatio: 0, maxRatio: 0 }, expected: { request: 100, limit: 100 },
    },
    {
      name: 'a limit under the original one, which must not drop: the original',
      values: { request: 15, limit: 30 }, bounds: { ...bounds, limitNeverBelowOriginal: true }, expected: { request: 15, limit: 40 },
    },
    {
      name: 'a limit past the whole-GPU share: the whole GPU',
      values: { request: 15, limit: 75 }, bounds: { ...bounds, wholeAbove: 0.75 }, expected: { request: 15, limit: 100 },
    },
    {
      name: 'a limit under the whole-GPU share: kept',
      values: { request: 15, limit: 74 }, bounds: { ...bounds, wholeAbove: 0.75 }, expected: { request: 15, limit: 74 },
    },
    { name: 'a request over the limit: the limit', values: { request: 35, limit: 30 }, bounds, expected: { request: 30, limit: 30 } },
  ])('$name', ({ values, bounds: b, expected }) => {
    expect(applyBounds(values, b)).toEqual(expected);
  });
});

describe('Function: exceedsThreshold()', () => {
  it.each([
    { name: 'a rise past 10 %', current: 100, next: 111, expected: true },
    { name: 'a fall past 10 %', current: 100, next: 89, expected: true },
    { name: 'exactly 10 % is inside', current: 100, next: 110, expected: false },
    { name: 'no change', current: 100, next: 100, expected: false },
    { name: 'anything from 0', current: 0, next: 1, expected: true },
  ])('$name', ({ current, next, expected }) => {
    expect(exceedsThreshold(current, next, 0.1)).toBe(expected);
  });
});
