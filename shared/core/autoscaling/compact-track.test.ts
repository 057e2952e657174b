import { describe, expect, it } from 'vitest';
import { compactTrack, compactTrackSchema, expandTrack } from './compact-track.ts';
import type { PeakTrack } from './peak-track.ts';

const track: PeakTrack = {
  histogram: { halfLifeMs: 1000, referenceMs: 0, offset: 2, weights: [1, 3], totalWeight: 4 },
  burst: { slotMs: 100, newestStartMs: 500, maxima: [4, 0, 9] },
  floor: { slotMs: 200, newestStartMs: 400, maxima: [9] },
};
const stored = {
  histogram: { h: 1000, r: 0, o: 2, t: 4, w: [3333, 10000] },
  burst: { slotMs: 100, newestStartMs: 500, maxima: [4, 0, 9] },
  floor: { slotMs: 200, newestStartMs: 400, maxima: [9] },
};

describe('Function: compactTrack()', () => {
  it('compacts the histogram and keeps the slot peaks', () => {
    expect(compactTrack(track)).toEqual(stored);
    expect(compactTrackSchema.safeParse(compactTrack(track)).success).toBe(true);
  });
});

describe('Function: expandTrack()', () => {
  it('restores the histogram to its total, weights within a part in ten thousand', () => {
    const expanded = expandTrack(stored);
    expect(expanded.burst).toEqual(track.burst);
    expect(expanded.floor).toEqual(track.floor);
    expect(expanded.histogram.totalWeight).toBe(4);
    expect(expanded.histogram.weights[0]).toBeCloseTo(1, 3);
    expect(expanded.histogram.weights[1]).toBeCloseTo(3, 3);
  });
});
