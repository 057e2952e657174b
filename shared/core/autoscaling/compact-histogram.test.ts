import { describe, expect, it } from 'vitest';
import { COMPUTE_PERCENT_SCALE, VRAM_BYTES_SCALE } from './bucket-scale.ts';
import { compactHistogram, compactHistogramSchema, expandHistogram } from './compact-histogram.ts';
import type { DecayingHistogram } from './decaying-histogram.ts';

const histogram = (offset: number, weights: number[]): DecayingHistogram =>
  ({ halfLifeMs: 3_600_000, referenceMs: 7_200_000, offset, weights, totalWeight: weights.reduce((a, b) => a + b, 0) });

describe('Function: compactHistogram()', () => {
  it.each([
    { name: 'weights become parts per ten thousand of the largest', input: histogram(3, [1, 2]), expected: { h: 3_600_000, r: 7_200_000, o: 3, t: 3, w: [5000, 10000] } },
    { name: 'edge buckets that round to 0 are left out', input: histogram(3, [1e-6, 1, 1e-6]), expected: { h: 3_600_000, r: 7_200_000, o: 4, t: 1e-6 + 1 + 1e-6, w: [10000] } },
    { name: 'an empty histogram', input: histogram(0, []), expected: { h: 3_600_000, r: 7_200_000, o: 0, t: 0, w: [] } },
  ])('$name', ({ input, expected }) => {
    expect(compactHistogram(input)).toEqual(expected);
  });

  it('keeps a worst case (every bucket of compute and VRAM filled) far under 40 KB', () => {
    const full = (count: number): DecayingHistogram => histogram(0, Array.from({ length: count }, (_, i) => 1 + (i % 7) / 3));
    const stored = JSON.stringify([compactHistogram(full(COMPUTE_PERCENT_SCALE.bucketCount)), compactHistogram(full(VRAM_BYTES_SCALE.bucketCount))]);
    expect(stored.length).toBeLessThan(40_000);
    expect(stored.length).toBeLessThan(2_000);
  });
});

describe('Function: expandHistogram()', () => {
  it.each([
    { name: 'weights scaled back to the stored total', stored: { h: 1000, r: 0, o: 3, t: 3, w: [5000, 10000] }, expected: histogram(3, [1, 2]) },
    { name: 'an empty form', stored: { h: 1000, r: 0, o: 0, t: 0, w: [] }, expected: { ...histogram(0, []), halfLifeMs: 1000, referenceMs: 0 } },
  ])('$name', ({ stored, expected }) => {
    expect(expandHistogram(stored)).toEqual({ ...expected, halfLifeMs: stored.h, referenceMs: stored.r });
  });
});

describe('Schema: compact histogram', () => {
  it.each([
    { name: 'a stored form', value: { h: 1000, r: 0, o: 3, t: 3, w: [5000, 10000] }, ok: true },
    { name: 'a weight over ten thousand', value: { h: 1000, r: 0, o: 3, t: 3, w: [10001] }, ok: false },
    { name: 'a negative offset', value: { h: 1000, r: 0, o: -1, t: 3, w: [1] }, ok: false },
    { name: 'an unknown key', value: { h: 1000, r: 0, o: 0, t: 0, w: [], x: 1 }, ok: false },
  ])('$name', ({ value, ok }) => {
    expect(compactHistogramSchema.safeParse(value).success).toBe(ok);
  });
});
