import { describe, expect, it } from 'vitest';
import { bucketScale } from './bucket-scale.ts';
import { addToTrack, startTrack, trackEstimates, type PeakTrack, type PeakTrackOptions } from './peak-track.ts';

// Buckets [0,1) [1,3) [3,7) [7,15) [15,31) [31,63) ...; windows of 12 s (slots of 1 s).
const options: PeakTrackOptions = { scale: bucketScale({ firstBucketSize: 1, ratio: 2, maxValue: 100 }), burstWindowMs: 12_000, burstMargin: 0.5, floorWindowMs: 24_000, floorMargin: 0 };
const noFloor: PeakTrackOptions = { ...options, floorWindowMs: 0 };
const fold = (values: readonly [number, number][], o: PeakTrackOptions): PeakTrack =>
  values.reduce((track, [atMs, value]) => addToTrack(track, { value, atMs }, o), startTrack(1000, o));

describe('Function: startTrack()', () => {
  it('holds nothing, with slots of a twelfth of each window', () => {
    expect(startTrack(1000, options)).toEqual({
      histogram: { halfLifeMs: 1000, referenceMs: 0, offset: 0, weights: [], totalWeight: 0 },
      burst: { slotMs: 1000, newestStartMs: 0, maxima: [] },
      floor: { slotMs: 2000, newestStartMs: 0, maxima: [] },
    });
  });
});

describe('Function: addToTrack()', () => {
  it.each([
    { name: 'feeds the histogram and both windows', o: options, floor: [4] },
    { name: 'leaves the floor window alone when it is off', o: noFloor, floor: [] },
  ])('$name', ({ o, floor }) => {
    const track = fold([[0, 4]], o);
    expect(track.histogram.weights).toEqual([1]);
    expect(track.burst.maxima).toEqual([4]);
    expect(track.floor.maxima).toEqual(floor);
  });
});

describe('Function: trackEstimates()', () => {
  // 2 at 0 s, 20 at 1 s, 4 at 12 s; half-life 1 s, so the 4 weighs 4096 and holds both percentiles in [3,7).
  const samples: [number, number][] = [[0, 2], [1000, 20], [12_000, 4]];
  const at = (nowMs: number) => ({ nowMs, lower: 0.5, target: 0.9, margin: 0.1 });
  const percentiles = { lowerBound: 7 * 1.1, target: 7 * 1.1 };
  it.each([
    { name: 'while the 20 is in the burst window: its peak plus 50 %', o: options, nowMs: 12_500, upperBound: 30 },
    { name: 'once the 20 left the burst window: the floor window still holds it', o: options, nowMs: 14_500, upperBound: 20 },
    { name: 'once the burst window is empty: the floor window\'s peak', o: options, nowMs: 26_500, upperBound: 4 },
    { name: 'with the floor window off: the burst peak 4 plus 50 %', o: noFloor, nowMs: 14_500, upperBound: 6 },
  ])('$name', ({ o, nowMs, upperBound }) => {
    expect(trackEstimates(fold(samples, o), at(nowMs), o)).toEqual({ ...percentiles, upperBound });
  });
});
