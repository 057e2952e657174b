import { z } from 'zod';
import type { DecayingHistogram } from './decaying-histogram.ts';

/** Stored weights are whole parts per ten thousand of the largest bucket. */
const SCALE = 10_000;

/**
 * The stored form of a decaying histogram, small enough that a workload's compute and VRAM histograms
 * and the rest of its state fit one DynamoDB item with room to spare (at most a few KB; the item limit
 * is 400 KB, and we aim under 40 KB): short keys, bucket weights as whole parts per ten thousand of the
 * largest one, and edge buckets that round to 0 left out. Buckets under 1/20,000 of the largest
 * (long-decayed history) are forgotten; a percentile moves by at most one bucket through a round trip.
 */
export const compactHistogramSchema = z.strictObject({
  /** Half-life, ms. */
  h: z.number().positive(),
  /** Reference instant of the weights, epoch ms. */
  r: z.number(),
  /** Bucket index of the first weight. */
  o: z.number().int().min(0),
  /** Total weight against the reference. */
  t: z.number().min(0),
  /** Bucket weights, parts per ten thousand of the largest. */
  w: z.array(z.number().int().min(0).max(SCALE)),
});

/** A histogram as stored. */
export type CompactHistogram = z.output<typeof compactHistogramSchema>;

/** The stored form of `histogram`. */
export function compactHistogram(histogram: DecayingHistogram): CompactHistogram {
  const { weights } = histogram;
  let max = 0;
  for (const w of weights) max = Math.max(max, w);
  const parts = max === 0 ? [] : weights.map((w) => Math.round((w / max) * SCALE));
  let low = 0;
  let high = parts.length - 1;
  while (low <= high && parts[low] === 0) low++;
  while (high >= low && parts[high] === 0) high--;
  const kept = parts.slice(low, high + 1);
  return { h: histogram.halfLifeMs, r: histogram.referenceMs, o: kept.length === 0 ? 0 : histogram.offset + low, t: kept.length === 0 ? 0 : histogram.totalWeight, w: kept };
}

/** The histogram a stored form holds (weights scaled back so they sum to the stored total). */
export function expandHistogram(compact: CompactHistogram): DecayingHistogram {
  let sum = 0;
  for (const w of compact.w) sum += w;
  const factor = sum === 0 ? 0 : compact.t / sum;
  return { halfLifeMs: compact.h, referenceMs: compact.r, offset: compact.o, weights: compact.w.map((w) => w * factor), totalWeight: sum === 0 ? 0 : compact.t };
}
