import { COMPUTE_PERCENT_SCALE, VRAM_BYTES_SCALE, type BucketScale } from '../bucket-scale.ts';
import { addToHistogram, emptyHistogram, histogramPercentile, type DecayingHistogram } from '../decaying-histogram.ts';
import { addPeakSample, NO_PEAK_WINDOW, type PeakStep } from '../peak-window.ts';
import type { Recommender, RecommenderStep } from '../recommender.ts';
import type { VpaConfig } from '../recommender-config.ts';
import { applyBounds, type Estimates, type RequestLimit } from '../resource-bounds.ts';
import type { Recommendation, RequestsLimits, UsageSample, WorkloadBaseline } from '../usage-sample.ts';
import { computeBounds, vramBounds } from '../workload-bounds.ts';

/** What `vpa` keeps per workload: VPA's aggregate state (CPU-style compute samples, VRAM peaks, OOM bumps). */
export interface VpaState {
  readonly workload: WorkloadBaseline;
  readonly current: RequestsLimits;
  readonly compute: DecayingHistogram;
  readonly vram: PeakStep;
  /** The highest VRAM actually used in the current window; OOM bumps start from it, not from earlier bumps. */
  readonly usagePeak: number;
  /** When the first sample came (0 before it). */
  readonly firstSampleMs: number;
  readonly lastSampleMs: number;
  readonly sampleCount: number;
}

const DAY_MS = 86_400_000;
/** VPA bounds recommendations only by the VPA object's min/maxAllowed, unset by default: no ratio bounds. */
const NO_RATIO_BOUNDS = { minComputeResourcesRatio: 0, maxComputeResourcesRatio: 0, minVRAMResourcesRatio: 0, maxVRAMResourcesRatio: 0 };
/** VPA counts on one sample a minute when it turns samples into days of confidence. */
const SAMPLES_PER_DAY = 1440;

function ingest(state: VpaState, samples: readonly UsageSample[], config: VpaConfig): VpaState {
  let { compute, vram, usagePeak, firstSampleMs, lastSampleMs, sampleCount } = state;
  const peaks = { scale: VRAM_BYTES_SCALE, windowMs: config.memoryAggregationInterval };
  for (const sample of samples) {
    compute = addToHistogram(compute, { value: sample.computePercent, weight: 1, atMs: sample.atMs }, COMPUTE_PERCENT_SCALE);
    const windowEnd = vram.window.endMs;
    vram = addPeakSample(vram, { value: sample.vramBytes, atMs: sample.atMs }, peaks);
    usagePeak = vram.window.endMs === windowEnd ? Math.max(usagePeak, sample.vramBytes) : sample.vramBytes;
    if (sample.vramBytes > state.current.limits.vramBytes) {
      // An OOM: VPA records max(request, usage peak) bumped by 20 %, at least 100 MiB (container.go RecordOOM).
      const used = Math.max(state.current.requests.vramBytes, usagePeak);
      vram = addPeakSample(vram, { value: Math.max(used + config.oomMinBumpUpBytes, used * config.oomBumpUpRatio), atMs: sample.atMs }, peaks);
    }
    if (sampleCount === 0) firstSampleMs = sample.atMs;
    lastSampleMs = sample.atMs;
    sampleCount++;
  }
  return { ...state, compute, vram, usagePeak, firstSampleMs, lastSampleMs, sampleCount };
}

/** VPA's confidence, in days of history: min(lifespan, samples ÷ one a minute). */
function confidenceDays(state: VpaState): number {
  const lifespan = (state.lastSampleMs - state.firstSampleMs) / DAY_MS;
  return Math.min(lifespan, state.sampleCount / SAMPLES_PER_DAY);
}

function estimates(histogram: DecayingHistogram, context: { scale: BucketScale; days: number }, config: VpaConfig): Estimates {
  const { scale, days } = context;
  const at = (share: number): number => histogramPercentile(histogram, share, scale) * (1 + config.marginFraction);
  return {
    lowerBound: at(config.lowerBoundPercentile) * (1 + 0.001 / days) ** -2,
    target: at(config.targetPercentile),
    upperBound: at(config.upperBoundPercentile) * (1 + 1 / days),
  };
}

/** VPA keeps the original limit:request ratio (a request of 0 keeps the limit at the request). */
function proportionalLimit(request: number, original: RequestLimit, capacity: number): number {
  return Math.min(original.request > 0 ? (request * original.limit) / original.request : request, capacity);
}

/** VPA's resource diff: the sum over resources of |recommended − request| ÷ request (requests under 1e-9 count as 1e-9). */
function resourceDiff(pairs: readonly (readonly [number, number])[]): number {
  return pairs.reduce((sum, [recommended, request]) => sum + Math.abs(recommended - request) / Math.max(request, 1e-9), 0);
}

/** The updater (update_priority_calculator.go): outside [lower, upper], or a ≥ 10 % total change once the pod is 12 h old. */
function decide(state: VpaState, config: VpaConfig, nowMs: number): Recommendation | undefined {
  if (state.sampleCount === 0) return undefined;
  const { workload, current: { requests } } = state;
  const days = confidenceDays(state);
  const c = estimates(state.compute, { scale: COMPUTE_PERCENT_SCALE, days }, config);
  const v = estimates(state.vram.histogram, { scale: VRAM_BYTES_SCALE, days }, config);
  const settings = { ...config, ...NO_RATIO_BOUNDS };
  const compute = applyBounds({ request: c.target, limit: c.target }, computeBounds(workload, settings)).request;
  const vram = applyBounds({ request: v.target, limit: v.target }, vramBounds(workload, settings)).request;
  const outside = requests.computePercent < c.lowerBound || requests.computePercent > c.upperBound
    || requests.vramBytes < v.lowerBound || requests.vramBytes > v.upperBound;
  const old = nowMs - workload.createdMs >= config.podLifetimeUpdateThreshold;
  const moved = resourceDiff([[compute, requests.computePercent], [vram, requests.vramBytes]]);
  if ((!outside && !(old && moved >= config.updateThreshold)) || moved === 0) return undefined;
  const { original } = workload;
  return {
    requests: { computePercent: compute, vramBytes: vram },
    limits: {
      computePercent: proportionalLimit(compute, { request: original.requests.computePercent, limit: original.limits.computePercent }, 100),
      vramBytes: proportionalLimit(vram, { request: original.requests.vramBytes, limit: original.limits.vramBytes }, workload.gpu.vramBytes),
    },
    reason: outside ? 'request outside the recommended range' : 'request changed by more than the update threshold',
  };
}

/**
 * The Kubernetes Vertical Pod Autoscaler's recommender and updater (anchors §B6) applied to GPU shares:
 * compute like CPU (P90 target, P50/P95 bounds), VRAM like memory (daily peaks, OOM bump-ups), 24 h
 * half-life, 15 % margin, confidence multipliers on the bounds, and the updater's rules.
 */
export function vpa(config: VpaConfig): Recommender<VpaState> {
  return {
    name: 'vpa',
    intervalMs: config.interval,
    start: (workload) => ({
      workload, current: workload.original, compute: emptyHistogram(config.halfLife),
      vram: { histogram: emptyHistogram(config.halfLife), window: NO_PEAK_WINDOW }, usagePeak: 0,
      firstSampleMs: 0, lastSampleMs: 0, sampleCount: 0,
    }),
    step: (state, samples, nowMs): RecommenderStep<VpaState> => {
      const next = ingest(state, samples, config);
      const recommendation = decide(next, config, nowMs);
      if (recommendation === undefined) return { state: next };
      return { state: { ...next, current: { requests: recommendation.requests, limits: recommendation.limits } }, recommendation };
    },
  };
}
