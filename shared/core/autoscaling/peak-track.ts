import type { BucketScale } from './bucket-scale.ts';
import { addToHistogram, emptyHistogram, histogramPercentile, type DecayingHistogram } from './decaying-histogram.ts';
import { addToSlots, emptySlots, windowPeak, type PeakSlots } from './peak-slots.ts';
import type { Estimates } from './resource-bounds.ts';

/**
 * What the `default` recommender keeps per resource: a decaying histogram (for the QoS-mapped request)
 * and the peaks of a short burst window and a long floor window (for the limit).
 */
export interface PeakTrack {
  readonly histogram: DecayingHistogram;
  readonly burst: PeakSlots;
  readonly floor: PeakSlots;
}

/** The windows and margins of one resource's limit, and the histogram's bucket scale. */
export interface PeakTrackOptions {
  readonly scale: BucketScale;
  readonly burstWindowMs: number;
  readonly burstMargin: number;
  /** 0 turns the floor window off. */
  readonly floorWindowMs: number;
  readonly floorMargin: number;
}

/** Each window is covered by this many slots (plus the one in progress): a 45 min window has 3.75 min slots. */
const SLOTS_PER_WINDOW = 12;

const slotsFor = (windowMs: number): PeakSlots => emptySlots(Math.max(windowMs / SLOTS_PER_WINDOW, 1));

/** A track with no sample. */
export function startTrack(halfLifeMs: number, options: PeakTrackOptions): PeakTrack {
  return { histogram: emptyHistogram(halfLifeMs), burst: slotsFor(options.burstWindowMs), floor: slotsFor(options.floorWindowMs) };
}

/** `track` with one sample added. */
export function addToTrack(track: PeakTrack, sample: { value: number; atMs: number }, options: PeakTrackOptions): PeakTrack {
  return {
    histogram: addToHistogram(track.histogram, { value: sample.value, weight: 1, atMs: sample.atMs }, options.scale),
    burst: addToSlots(track.burst, sample, SLOTS_PER_WINDOW + 1),
    floor: options.floorWindowMs > 0 ? addToSlots(track.floor, sample, SLOTS_PER_WINDOW + 1) : track.floor,
  };
}

/**
 * Estimates at `nowMs`: lower bound and target from the histogram's percentiles plus `margin` (as
 * TensorFusion's), upper bound (the limit) from the peaks: the burst window's peak plus its margin, and
 * at least the floor window's peak plus its margin. The request is capped at the limit later
 * (`applyBounds`), so a high percentile never lifts the limit.
 */
export function trackEstimates(track: PeakTrack, at: { nowMs: number; lower: number; target: number; margin: number }, options: PeakTrackOptions): Estimates {
  const percentile = (share: number): number => histogramPercentile(track.histogram, share, options.scale) * (1 + at.margin);
  const burst = windowPeak(track.burst, options.burstWindowMs, at.nowMs) * (1 + options.burstMargin);
  const floor = options.floorWindowMs > 0 ? windowPeak(track.floor, options.floorWindowMs, at.nowMs) * (1 + options.floorMargin) : 0;
  return { lowerBound: percentile(at.lower), target: percentile(at.target), upperBound: Math.max(burst, floor) };
}
