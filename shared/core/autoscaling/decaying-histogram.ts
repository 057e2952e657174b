import { bucketIndex, bucketStart, type BucketScale } from './bucket-scale.ts';

/**
 * A histogram whose samples lose half their weight every `halfLifeMs` (VPA's decaying histogram,
 * kubernetes/autoscaler .../recommender/util/decaying_histogram.go). Weights are stored relative to
 * `referenceMs`: a sample at `t` is stored with weight × 2^((t − referenceMs) / halfLifeMs), so adding
 * never rescales old buckets and time only enters as the sample's own timestamp. Buckets are dense from
 * `offset` (the lowest non-empty bucket) on. Values are immutable: every operation returns a new one.
 */
export interface DecayingHistogram {
  readonly halfLifeMs: number;
  readonly referenceMs: number;
  readonly offset: number;
  readonly weights: readonly number[];
  readonly totalWeight: number;
}

/** One observation: `weight` is its weight at `atMs` (negative to take a sample back out). */
export interface WeightedSample {
  readonly value: number;
  readonly weight: number;
  readonly atMs: number;
}

/** Past this exponent the reference moves forward, so stored weights stay far from overflow (VPA uses 100). */
const MAX_EXPONENT = 40;
/** Buckets whose weight falls below this share of the total after a subtraction are dropped as rounding noise. */
const NOISE_SHARE = 1e-12;

/** A histogram with no samples. */
export function emptyHistogram(halfLifeMs: number): DecayingHistogram {
  return { halfLifeMs, referenceMs: 0, offset: 0, weights: [], totalWeight: 0 };
}

/** `histogram` with its weights restated against `referenceMs`. */
export function rebase(histogram: DecayingHistogram, referenceMs: number): DecayingHistogram {
  if (referenceMs === histogram.referenceMs) return histogram;
  const factor = 2 ** ((histogram.referenceMs - referenceMs) / histogram.halfLifeMs);
  return { ...histogram, referenceMs, weights: histogram.weights.map((w) => w * factor), totalWeight: histogram.totalWeight * factor };
}

function referenceFor(histogram: DecayingHistogram, atMs: number): number {
  const aligned = Math.floor(atMs / histogram.halfLifeMs) * histogram.halfLifeMs;
  if (histogram.totalWeight <= 0) return aligned;
  return (atMs - histogram.referenceMs) / histogram.halfLifeMs > MAX_EXPONENT ? aligned : histogram.referenceMs;
}

/** Drop empty (or noise-level) buckets at both ends; an emptied histogram keeps only its half-life and reference. */
function trimmed(histogram: DecayingHistogram): DecayingHistogram {
  const { weights, totalWeight } = histogram;
  const noise = Math.max(totalWeight, 0) * NOISE_SHARE;
  let low = 0;
  let high = weights.length - 1;
  while (low <= high && (weights[low] as number) <= noise) low++;
  while (high >= low && (weights[high] as number) <= noise) high--;
  if (low > high || totalWeight <= 0) return { ...histogram, offset: 0, weights: [], totalWeight: 0 };
  if (low === 0 && high === weights.length - 1) return histogram;
  return { ...histogram, offset: histogram.offset + low, weights: weights.slice(low, high + 1) };
}

/** `histogram` with `sample` added into the bucket of `scale` that holds its value. */
export function addToHistogram(histogram: DecayingHistogram, sample: WeightedSample, scale: BucketScale): DecayingHistogram {
  const based = rebase(histogram, referenceFor(histogram, sample.atMs));
  const index = bucketIndex(scale, sample.value);
  const weight = sample.weight * 2 ** ((sample.atMs - based.referenceMs) / based.halfLifeMs);
  const offset = based.weights.length === 0 ? index : Math.min(based.offset, index);
  const length = Math.max(based.offset + based.weights.length, index + 1) - offset;
  const weights = new Array<number>(length).fill(0);
  for (let i = 0; i < based.weights.length; i++) weights[based.offset - offset + i] = based.weights[i] as number;
  weights[index - offset] = Math.max((weights[index - offset] as number) + weight, 0);
  return trimmed({ ...based, offset, weights, totalWeight: based.totalWeight + weight });
}

/**
 * The value below which a `share` (0..1) of the weight lies: the END of the bucket where the running
 * weight reaches `share` × total, as VPA's `Percentile` answers (so estimates round up, never down).
 * An empty histogram answers 0.
 */
export function histogramPercentile(histogram: DecayingHistogram, share: number, scale: BucketScale): number {
  const { weights, offset, totalWeight } = histogram;
  if (weights.length === 0) return 0;
  const threshold = share * totalWeight;
  let sum = 0;
  let i = 0;
  for (; i < weights.length - 1; i++) {
    sum += weights[i] as number;
    if (sum >= threshold) break;
  }
  const bucket = offset + i;
  return bucket < scale.bucketCount - 1 ? bucketStart(scale, bucket + 1) : bucketStart(scale, bucket);
}

/** Both histograms' samples in one (the same half-life is assumed; the later reference is kept). */
export function mergeHistograms(a: DecayingHistogram, b: DecayingHistogram): DecayingHistogram {
  if (b.weights.length === 0) return a;
  if (a.weights.length === 0) return b;
  const referenceMs = Math.max(a.referenceMs, b.referenceMs);
  const [x, y] = [rebase(a, referenceMs), rebase(b, referenceMs)];
  const offset = Math.min(x.offset, y.offset);
  const weights = new Array<number>(Math.max(x.offset + x.weights.length, y.offset + y.weights.length) - offset).fill(0);
  for (const h of [x, y]) h.weights.forEach((w, i) => { weights[h.offset - offset + i] = (weights[h.offset - offset + i] as number) + w; });
  return { halfLifeMs: a.halfLifeMs, referenceMs, offset, weights, totalWeight: x.totalWeight + y.totalWeight };
}

/** `histogram` without the edge buckets that hold less than `minShare` of the weight (decayed-away history). */
export function pruneHistogram(histogram: DecayingHistogram, minShare: number): DecayingHistogram {
  const { weights, totalWeight } = histogram;
  const floor = totalWeight * minShare;
  let low = 0;
  let high = weights.length - 1;
  while (low < high && (weights[low] as number) < floor) low++;
  while (high > low && (weights[high] as number) < floor) high--;
  if (weights.length === 0 || (low === 0 && high === weights.length - 1)) return histogram;
  const kept = weights.slice(low, high + 1);
  return { ...histogram, offset: histogram.offset + low, weights: kept, totalWeight: kept.reduce((sum, w) => sum + w, 0) };
}
