import { describe, expect, it } from 'vitest';
import { bucketIndex, bucketScale, bucketStart, COMPUTE_PERCENT_SCALE, VRAM_BYTES_SCALE } from './bucket-scale.ts';

// Buckets [0,1) [1,3) [3,7) [7,15) ... [63,127) [127,∞): starts are 2^i − 1.
const doubling = bucketScale({ firstBucketSize: 1, ratio: 2, maxValue: 100 });

describe('Function: bucketScale()', () => {
  it.each([
    { name: 'doubling buckets up to 100: ceil(log2(101)) + 1', scale: doubling, expected: 8 },
    { name: 'compute percent, 0.05 % × 1.05 up to 100 %: ceil(94.6) + 1', scale: COMPUTE_PERCENT_SCALE, expected: 96 },
    { name: 'VRAM, 10 MB × 1.05 up to 1 TB: ceil(174.6) + 1', scale: VRAM_BYTES_SCALE, expected: 176 },
  ])('$name', ({ scale, expected }) => {
    expect(scale.bucketCount).toBe(expected);
  });
});

describe('Function: bucketStart()', () => {
  it.each([
    { name: 'bucket 0 starts at 0', index: 0, expected: 0 },
    { name: 'a negative index is bucket 0', index: -1, expected: 0 },
    { name: 'bucket 1 starts at the first bucket size', index: 1, expected: 1 },
    { name: 'bucket 3 starts at 1 + 2 + 4', index: 3, expected: 7 },
  ])('$name', ({ index, expected }) => {
    expect(bucketStart(doubling, index)).toBe(expected);
  });
});

describe('Function: bucketIndex()', () => {
  it.each([
    { name: 'below the first bucket size', scale: doubling, value: 0.5, expected: 0 },
    { name: 'on the first boundary', scale: doubling, value: 1, expected: 1 },
    { name: 'inside a bucket', scale: doubling, value: 2, expected: 1 },
    { name: 'on a later boundary', scale: doubling, value: 3, expected: 2 },
    { name: 'just under a boundary, where the logarithm overshoots', scale: doubling, value: 6.999999999999998, expected: 2 },
    { name: 'on a boundary, where the logarithm undershoots', scale: COMPUTE_PERCENT_SCALE, value: 0.10249999999999995, expected: 2 },
    { name: 'past the last bucket', scale: doubling, value: 1000, expected: 7 },
  ])('$name', ({ scale, value, expected }) => {
    expect(bucketIndex(scale, value)).toBe(expected);
  });
});
