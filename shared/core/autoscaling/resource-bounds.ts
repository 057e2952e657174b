import type { Qos } from '../../schemas/annotations.ts';

/** A recommender's three estimates of one resource (reference §5.4): lower bound, target and upper bound. */
export interface Estimates {
  readonly lowerBound: number;
  readonly target: number;
  readonly upperBound: number;
}

/** A request and a limit of one resource. */
export interface RequestLimit {
  readonly request: number;
  readonly limit: number;
}

/** What bounds a recommended request and limit of one resource (reference §5.5 steps 3-5). */
export interface ResourceBounds {
  /** Floor for both request and limit (1 TFLOPS as percent of the GPU, 1 GiB). */
  readonly floor: number;
  /** Ratio bounds against the ORIGINAL spec, not the last recommendation; 0 means unbounded. */
  readonly minRatio: number;
  readonly maxRatio: number;
  readonly original: RequestLimit;
  /** TensorFusion never lowers the compute limit below the original one (`handleResourceScaling`). */
  readonly limitNeverBelowOriginal?: boolean;
  /** The GPU's capacity: nothing is granted beyond it. */
  readonly capacity: number;
  /**
   * A limit at or above this share of the capacity becomes the whole capacity: the sliver left would be
   * too small to place anything on, and the whole GPU spares the workload the riskiest (near-full) overruns.
   */
  readonly wholeAbove?: number;
}

/**
 * QoS decides which estimate becomes the request (reference §5.5 step 2, §7): `critical` gets the upper
 * bound, `high` the target, `low` and `medium` the lower bound. The limit is always the upper bound.
 */
export function requestLimitForQos(estimates: Estimates, qos: Qos): RequestLimit {
  const request = qos === 'critical' ? estimates.upperBound : qos === 'high' ? estimates.target : estimates.lowerBound;
  return { request, limit: estimates.upperBound };
}

function withinRatio(value: number, original: number, bounds: ResourceBounds): number {
  const low = original * bounds.minRatio;
  const high = original * bounds.maxRatio;
  const raised = low !== 0 && value < low ? low : value;
  return high !== 0 && raised > high ? high : raised;
}

/**
 * Floors, then the ratio bounds against the original spec, then (compute in TensorFusion) the original
 * limit as a floor for the limit, then the GPU's capacity (all of it past `wholeAbove`); the request
 * never ends above the limit.
 */
export function applyBounds(values: RequestLimit, bounds: ResourceBounds): RequestLimit {
  const request = withinRatio(Math.max(values.request, bounds.floor), bounds.original.request, bounds);
  const ratioLimit = withinRatio(Math.max(values.limit, bounds.floor), bounds.original.limit, bounds);
  const floored = bounds.limitNeverBelowOriginal === true ? Math.max(ratioLimit, bounds.original.limit) : ratioLimit;
  const capped = Math.min(floored, bounds.capacity);
  const limit = bounds.wholeAbove !== undefined && capped >= bounds.wholeAbove * bounds.capacity ? bounds.capacity : capped;
  return { request: Math.min(request, limit), limit };
}

/** Whether moving from `current` to `next` changes it by more than `threshold` (a share of `current`). */
export function exceedsThreshold(current: number, next: number, threshold: number): boolean {
  return Math.abs(next - current) > threshold * current;
}
