import { COMPUTE_PERCENT_SCALE, VRAM_BYTES_SCALE, type BucketScale } from '../bucket-scale.ts';
import { addToHistogram, emptyHistogram, histogramPercentile, type DecayingHistogram } from '../decaying-histogram.ts';
import { addPeakSample, NO_PEAK_WINDOW, type PeakStep } from '../peak-window.ts';
import type { Recommender, RecommenderStep } from '../recommender.ts';
import type { TensorfusionConfig } from '../recommender-config.ts';
import { applyBounds, exceedsThreshold, requestLimitForQos, type Estimates, type RequestLimit } from '../resource-bounds.ts';
import type { Recommendation, RequestsLimits, UsageSample, WorkloadBaseline } from '../usage-sample.ts';
import { computeBounds, vramBounds } from '../workload-bounds.ts';

/** What `tensorfusion` keeps per workload: TensorFusion's aggregator (compute samples, VRAM peaks) and the current values. */
export interface TensorfusionState {
  readonly workload: WorkloadBaseline;
  readonly current: RequestsLimits;
  readonly compute: DecayingHistogram;
  readonly vram: PeakStep;
  readonly lastSampleMs: number;
}

/** TensorFusion weighs each compute sample 0.1 and each VRAM peak 1 (reference §5.3). */
const COMPUTE_WEIGHT = 0.1;

function estimates(histogram: DecayingHistogram, scale: BucketScale, p: { lower: number; target: number; upper: number; margin: number }): Estimates {
  const at = (share: number): number => histogramPercentile(histogram, share, scale) * (1 + p.margin);
  return { lowerBound: at(p.lower), target: at(p.target), upperBound: at(p.upper) };
}

function ingest(state: TensorfusionState, samples: readonly UsageSample[], config: TensorfusionConfig): TensorfusionState {
  let { compute, vram, lastSampleMs } = state;
  for (const sample of samples) {
    // TensorFusion drops samples older than the last one and negative values (reference §5.3).
    if (sample.atMs < lastSampleMs || sample.computePercent < 0 || sample.vramBytes < 0) continue;
    compute = addToHistogram(compute, { value: sample.computePercent, weight: COMPUTE_WEIGHT, atMs: sample.atMs }, COMPUTE_PERCENT_SCALE);
    vram = addPeakSample(vram, { value: sample.vramBytes, atMs: sample.atMs }, { scale: VRAM_BYTES_SCALE, windowMs: config.vramAggregationInterval });
    lastSampleMs = sample.atMs;
  }
  return { ...state, compute, vram, lastSampleMs };
}

function recommend(state: TensorfusionState, config: TensorfusionConfig): { compute: RequestLimit; vram: RequestLimit } {
  const { workload } = state;
  const c = estimates(state.compute, COMPUTE_PERCENT_SCALE, {
    lower: config.lowerBoundComputePercentile, target: config.targetComputePercentile, upper: config.upperBoundComputePercentile, margin: config.marginFraction,
  });
  const v = estimates(state.vram.histogram, VRAM_BYTES_SCALE, {
    lower: config.lowerBoundVRAMPercentile, target: config.targetVRAMPercentile, upper: config.upperBoundVRAMPercentile, margin: config.marginFraction,
  });
  const cBounds = { ...computeBounds(workload, config), limitNeverBelowOriginal: config.computeLimitNeverBelowOriginal };
  return {
    compute: applyBounds(requestLimitForQos(c, workload.qos), cBounds),
    vram: applyBounds(requestLimitForQos(v, workload.qos), vramBounds(workload, config)),
  };
}

/** §5.5 steps 6-10: nothing before the initial delay, nothing inside the update threshold, else both resources at once. */
function decide(state: TensorfusionState, config: TensorfusionConfig, nowMs: number): Recommendation | undefined {
  if (nowMs - state.workload.createdMs < config.initialDelayPeriod || state.compute.weights.length === 0) return undefined;
  const { compute, vram } = recommend(state, config);
  const { requests } = state.current;
  const moves = exceedsThreshold(requests.computePercent, compute.request, config.updateThreshold)
    || exceedsThreshold(requests.vramBytes, vram.request, config.updateThreshold);
  if (!moves) return undefined;
  return {
    requests: { computePercent: compute.request, vramBytes: vram.request },
    limits: { computePercent: compute.limit, vramBytes: vram.limit },
    reason: 'percentile estimate moved past the update threshold',
  };
}

/**
 * TensorFusion HEAD's percentile recommender (reference §5.3-5.5): decaying histograms with a half-life of
 * half the history period, compute samples at P50/P95/P99 and VRAM daily peaks at P50/P98/P99, plus a 15 %
 * margin; the limit is the upper bound and the QoS picks the request; floors, ratio bounds against the
 * original spec, a 10 % update threshold on the requests and a 30 min initial delay.
 */
export function tensorfusion(config: TensorfusionConfig): Recommender<TensorfusionState> {
  const halfLifeMs = config.historyDataPeriod / 2;
  return {
    name: 'tensorfusion',
    intervalMs: config.interval,
    start: (workload) => ({
      workload, current: workload.original, compute: emptyHistogram(halfLifeMs),
      vram: { histogram: emptyHistogram(halfLifeMs), window: NO_PEAK_WINDOW }, lastSampleMs: Number.MIN_SAFE_INTEGER,
    }),
    step: (state, samples, nowMs): RecommenderStep<TensorfusionState> => {
      const next = ingest(state, samples, config);
      const recommendation = decide(next, config, nowMs);
      if (recommendation === undefined) return { state: next };
      return { state: { ...next, current: { requests: recommendation.requests, limits: recommendation.limits } }, recommendation };
    },
  };
}
