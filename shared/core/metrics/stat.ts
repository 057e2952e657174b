/** A running peak, sum and count of one measure: what an interval keeps per series until it closes. */
export interface StatAccumulator {
  readonly max: number;
  readonly sum: number;
  readonly count: number;
}

/** Peak and mean of a measure over an interval, as `gpu.metrics` carries them. */
export interface MaxMean {
  readonly max: number;
  readonly mean: number;
}

/** The accumulator of no values. */
export const EMPTY_STAT: StatAccumulator = Object.freeze({ max: 0, sum: 0, count: 0 });

/** `stat` with `value` added. */
export function addToStat(stat: StatAccumulator, value: number): StatAccumulator {
  return { max: stat.count === 0 ? value : Math.max(stat.max, value), sum: stat.sum + value, count: stat.count + 1 };
}

/**
 * Peak and mean of the values added; zeros for none. The mean is capped at the peak: summing equal
 * floating-point values and dividing can land one ulp above them (three times 0.1 sums to
 * 0.30000000000000004), and the event contract requires `mean <= max`.
 */
export function toMaxMean(stat: StatAccumulator): MaxMean {
  if (stat.count === 0) return { max: 0, mean: 0 };
  return { max: stat.max, mean: Math.min(stat.max, stat.sum / stat.count) };
}
