/**
 * Exponential histogram buckets, as the VPA decaying-histogram library (and TensorFusion, which copies
 * it) lays them out: bucket 0 starts at 0, bucket 1 at `firstBucketSize`, and each bucket is `ratio`
 * times wider than the one before. Source: kubernetes/autoscaler
 * vertical-pod-autoscaler/pkg/recommender/util/histogram_options.go (NewExponentialHistogramOptions).
 */
export interface BucketScale {
  readonly firstBucketSize: number;
  readonly ratio: number;
  readonly bucketCount: number;
}

/** A scale from `firstBucketSize` up to `maxValue`, each bucket `ratio` times the last (1.05 in VPA and TensorFusion). */
export function bucketScale(options: { firstBucketSize: number; ratio: number; maxValue: number }): BucketScale {
  const { firstBucketSize, ratio, maxValue } = options;
  const bucketCount = Math.ceil(Math.log((maxValue * (ratio - 1)) / firstBucketSize + 1) / Math.log(ratio)) + 1;
  return { firstBucketSize, ratio, bucketCount };
}

/** Where bucket `index` starts. */
export function bucketStart(scale: BucketScale, index: number): number {
  if (index <= 0) return 0;
  return (scale.firstBucketSize * (scale.ratio ** index - 1)) / (scale.ratio - 1);
}

/** The bucket that holds `value` (values past the last bucket land in it). */
export function bucketIndex(scale: BucketScale, value: number): number {
  if (value < scale.firstBucketSize) return 0;
  const index = Math.floor(Math.log((value * (scale.ratio - 1)) / scale.firstBucketSize + 1) / Math.log(scale.ratio));
  // Floating-point rounding can put a value that sits exactly on a boundary one bucket too high or low.
  const fixed = bucketStart(scale, index) > value ? index - 1 : bucketStart(scale, index + 1) <= value ? index + 1 : index;
  return Math.min(fixed, scale.bucketCount - 1);
}

/**
 * Compute in percent of one GPU: 0.05 % up to 100 %. TensorFusion buckets TFLOPS from 0.1 up to 10,000;
 * in percent of a GPU the useful range is far narrower, and 97 buckets of 5 % keep the state small.
 */
export const COMPUTE_PERCENT_SCALE: BucketScale = bucketScale({ firstBucketSize: 0.05, ratio: 1.05, maxValue: 100 });

/** VRAM in bytes: 10 MB up to 1 TB, TensorFusion's and VPA's memory buckets (reference §5.3). */
export const VRAM_BYTES_SCALE: BucketScale = bucketScale({ firstBucketSize: 1e7, ratio: 1.05, maxValue: 1e12 });
