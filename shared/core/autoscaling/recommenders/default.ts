import { COMPUTE_PERCENT_SCALE, VRAM_BYTES_SCALE } from '../bucket-scale.ts';
import { addToTrack, startTrack, trackEstimates, type PeakTrack, type PeakTrackOptions } from '../peak-track.ts';
import { lastActivity, quietFactor, type QuietRule } from '../quiet-rule.ts';
import type { Recommender, RecommenderStep } from '../recommender.ts';
import type { DefaultConfig } from '../recommender-config.ts';
import { applyBounds, exceedsThreshold, requestLimitForQos, type RequestLimit, type ResourceBounds } from '../resource-bounds.ts';
import type { Recommendation, RequestsLimits, UsageSample, WorkloadBaseline } from '../usage-sample.ts';
import { computeBounds, vramBounds } from '../workload-bounds.ts';

/** What `default` keeps per workload: one peak track per resource, when compute last showed work, and the current values. */
export interface DefaultState {
  readonly workload: WorkloadBaseline;
  readonly current: RequestsLimits;
  readonly compute: PeakTrack;
  readonly vram: PeakTrack;
  readonly lastSampleMs: number;
  /** The last sample above the idle level (the creation time before any). */
  readonly lastActiveMs: number;
}

/** One resource's inputs to a decision. */
interface ResourcePlan {
  readonly estimates: RequestLimit;
  readonly current: RequestLimit;
  /** A sample of this step went over the current limit. */
  readonly spiked: boolean;
}

const quietRule = (config: DefaultConfig): QuietRule => ({ afterMs: config.computeQuietAfter, share: config.computeQuietShare, idleAtMost: config.computeIdleAtMost });

function trackOptions(config: DefaultConfig): { compute: PeakTrackOptions; vram: PeakTrackOptions } {
  return {
    compute: { scale: COMPUTE_PERCENT_SCALE, burstWindowMs: config.computeBurstWindow, burstMargin: config.computeBurstMargin, floorWindowMs: 0, floorMargin: 0 },
    vram: {
      scale: VRAM_BYTES_SCALE, burstWindowMs: config.vramBurstWindow, burstMargin: config.vramBurstMargin,
      floorWindowMs: config.vramFloorWindow, floorMargin: config.vramFloorMargin,
    },
  };
}

/**
 * The limit rises at once when a sample went over it (the event-triggered path) or when the peaks ask for
 * more than the update threshold; it falls only by more than the threshold, once the peak that held it up
 * has left its window (the windows are the hold-down). The request moves past the threshold only.
 */
function settle(plan: ResourcePlan, threshold: number): RequestLimit {
  const { estimates, current, spiked } = plan;
  const limitMoves = (estimates.limit > current.limit && spiked) || exceedsThreshold(current.limit, estimates.limit, threshold);
  const limit = limitMoves ? estimates.limit : current.limit;
  const request = exceedsThreshold(current.request, estimates.request, threshold) ? estimates.request : current.request;
  return { request: Math.min(request, limit), limit };
}

function planOf(state: DefaultState, resource: 'compute' | 'vram', context: { config: DefaultConfig; nowMs: number; spiked: boolean }): RequestLimit {
  const { config, nowMs, spiked } = context;
  const compute = resource === 'compute';
  const options = trackOptions(config)[resource];
  const peaks = trackEstimates(state[resource], {
    nowMs, margin: config.marginFraction,
    lower: compute ? config.lowerBoundComputePercentile : config.lowerBoundVRAMPercentile,
    target: compute ? config.targetComputePercentile : config.targetVRAMPercentile,
  }, options);
  const factor = compute ? quietFactor(state.lastActiveMs, nowMs, quietRule(config)) : 1;
  const estimates = { ...peaks, upperBound: peaks.upperBound * factor };
  const bounds: ResourceBounds = compute
    ? { ...computeBounds(state.workload, config), wholeAbove: config.computeWholeAbove }
    : { ...vramBounds(state.workload, config), wholeAbove: config.vramWholeAbove };
  const { requests, limits } = state.current;
  const current = compute ? { request: requests.computePercent, limit: limits.computePercent } : { request: requests.vramBytes, limit: limits.vramBytes };
  return settle({ estimates: applyBounds(requestLimitForQos(estimates, state.workload.qos), bounds), current, spiked }, config.updateThreshold);
}

function ingest(state: DefaultState, samples: readonly UsageSample[], config: DefaultConfig): { state: DefaultState; spiked: { compute: boolean; vram: boolean } } {
  const options = trackOptions(config);
  const rule = quietRule(config);
  let { compute, vram, lastSampleMs, lastActiveMs } = state;
  const spiked = { compute: false, vram: false };
  for (const sample of samples) {
    if (sample.atMs < lastSampleMs || sample.computePercent < 0 || sample.vramBytes < 0) continue;
    compute = addToTrack(compute, { value: sample.computePercent, atMs: sample.atMs }, options.compute);
    vram = addToTrack(vram, { value: sample.vramBytes, atMs: sample.atMs }, options.vram);
    spiked.compute ||= sample.computePercent > state.current.limits.computePercent;
    spiked.vram ||= sample.vramBytes > state.current.limits.vramBytes;
    lastActiveMs = lastActivity(lastActiveMs, { value: sample.computePercent, atMs: sample.atMs }, rule);
    lastSampleMs = sample.atMs;
  }
  return { state: { ...state, compute, vram, lastSampleMs, lastActiveMs }, spiked };
}

/** During the initial delay only a spike moves anything, and only limits, only up. */
const raiseOnly = (plan: RequestLimit, current: RequestLimit): RequestLimit => ({ request: current.request, limit: Math.max(plan.limit, current.limit) });

function decide(state: DefaultState, spiked: { compute: boolean; vram: boolean }, context: { config: DefaultConfig; nowMs: number }): Recommendation | undefined {
  const young = context.nowMs - state.workload.createdMs < context.config.initialDelayPeriod;
  if (state.compute.histogram.weights.length === 0 || (young && !spiked.compute && !spiked.vram)) return undefined;
  const { requests, limits } = state.current;
  const planned = { compute: planOf(state, 'compute', { ...context, spiked: spiked.compute }), vram: planOf(state, 'vram', { ...context, spiked: spiked.vram }) };
  const compute = young ? raiseOnly(planned.compute, { request: requests.computePercent, limit: limits.computePercent }) : planned.compute;
  const vram = young ? raiseOnly(planned.vram, { request: requests.vramBytes, limit: limits.vramBytes }) : planned.vram;
  if (compute.request === requests.computePercent && compute.limit === limits.computePercent && vram.request === requests.vramBytes && vram.limit === limits.vramBytes) {
    return undefined;
  }
  const raised = compute.limit > limits.computePercent || vram.limit > limits.vramBytes;
  return {
    requests: { computePercent: compute.request, vramBytes: vram.request },
    limits: { computePercent: compute.limit, vramBytes: vram.limit },
    reason: spiked.compute || spiked.vram ? 'usage went over the limit' : raised ? 'peaks rose past the update threshold' : 'peaks fell past the update threshold',
  };
}

/**
 * Ours. Limits follow windowed peaks, not percentiles of a long history. Compute (throttling, recoverable)
 * holds the peak of the last 90 min plus 5 % while the workload works and drops to the floor once it has
 * been idle for 10 min (`quiet-rule.ts`); the first busy sample brings the peak back. VRAM (OOM, fatal)
 * takes the larger of the last 4 h's peak plus 30 % and the last 24 h's peak, and the whole GPU once that
 * passes 90 % of it. A sample over a limit raises it at once, even during the initial delay; a limit falls
 * only when its peak has aged out of the window and by more than the update threshold. Requests come from
 * TensorFusion's percentiles and QoS mapping; bounds, threshold, delay and cadence are TensorFusion's.
 * Windows and margins: `defaultConfigSchema`.
 */
export function defaultRecommender(config: DefaultConfig): Recommender<DefaultState> {
  const options = trackOptions(config);
  const halfLifeMs = config.historyDataPeriod / 2;
  return {
    name: 'default',
    intervalMs: config.interval,
    start: (workload) => ({
      workload, current: workload.original, lastSampleMs: Number.MIN_SAFE_INTEGER, lastActiveMs: workload.createdMs,
      compute: startTrack(halfLifeMs, options.compute), vram: startTrack(halfLifeMs, options.vram),
    }),
    step: (state, samples, nowMs): RecommenderStep<DefaultState> => {
      const ingested = ingest(state, samples, config);
      const recommendation = decide(ingested.state, ingested.spiked, { config, nowMs });
      if (recommendation === undefined) return { state: ingested.state };
      return { state: { ...ingested.state, current: { requests: recommendation.requests, limits: recommendation.limits } }, recommendation };
    },
  };
}
