import { z } from 'zod';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GIB = 1024 ** 3;
const share = z.number({ error: 'be a number' }).min(0, { error: 'be a share from 0 to 1' }).max(1, { error: 'be a share from 0 to 1' });
const ratio = z.number({ error: 'be a number' }).min(0, { error: 'not be negative' });
const durationMs = z.number({ error: 'be a duration' }).min(0, { error: 'not be negative' });
const positiveMs = z.number({ error: 'be a duration' }).positive({ error: 'be longer than 0' });

/**
 * The settings TensorFusion reads (reference §3.2), under the names `ResolvedAutoScaling` carries
 * (durations in ms), with the defaults its code applies (`percentile_recommender.go`,
 * `workload_metrics_loader.go`; the CRD comments say 0.9/0.95, see STYLE §7 rule 7). Shared by the
 * `tensorfusion` and `default` recommenders.
 */
const percentileSettings = {
  targetComputePercentile: share.default(0.95),
  lowerBoundComputePercentile: share.default(0.5),
  upperBoundComputePercentile: share.default(0.99),
  targetVRAMPercentile: share.default(0.98),
  lowerBoundVRAMPercentile: share.default(0.5),
  upperBoundVRAMPercentile: share.default(0.99),
  marginFraction: ratio.default(0.15),
  updateThreshold: ratio.default(0.1),
  /** History the histograms keep: their half-life is half of it. TensorFusion caps it at 30 days. */
  historyDataPeriod: positiveMs.max(30 * 24 * HOUR, { error: 'not exceed 30 days' }).default(2 * HOUR),
  minVRAMResourcesRatio: ratio.default(0.2),
  maxVRAMResourcesRatio: ratio.default(5),
  minComputeResourcesRatio: ratio.default(0.1),
  maxComputeResourcesRatio: ratio.default(10),
  initialDelayPeriod: durationMs.default(30 * MINUTE),
  interval: positiveMs.default(30_000),
  /** Floors for request and limit: TensorFusion constants (1 TFLOPS, 1 GiB), not settings. */
  minComputeTflops: ratio.default(1),
  minVRAMBytes: ratio.default(GIB),
  /** VRAM peaks enter the histogram one per interval (VPA's memory aggregation interval, reference §5.3). */
  vramAggregationInterval: positiveMs.default(24 * HOUR),
};

type Settings = Readonly<Record<string, unknown>>;
const at = (config: Settings, name: string): number => config[name] as number;

/** The one cross-field rule: percentiles ordered lower ≤ target ≤ upper, and ratio bounds min ≤ max. */
function checkOrder(config: Settings, ctx: z.RefinementCtx): void {
  for (const resource of ['Compute', 'VRAM']) {
    const target = at(config, `target${resource}Percentile`);
    if (at(config, `lowerBound${resource}Percentile`) > target || target > at(config, `upperBound${resource}Percentile`)) {
      ctx.addIssue({ code: 'custom', path: [`target${resource}Percentile`], message: 'lie between its lower-bound and upper-bound percentiles' });
    }
    if (at(config, `min${resource}ResourcesRatio`) > at(config, `max${resource}ResourcesRatio`)) {
      ctx.addIssue({ code: 'custom', path: [`min${resource}ResourcesRatio`], message: `not exceed max${resource}ResourcesRatio` });
    }
  }
}

/** `tensorfusion`: TensorFusion HEAD's percentile recommender. */
export const tensorfusionConfigSchema = z.object({
  ...percentileSettings,
  /** HEAD never lowers the compute limit below the original (reference §5.5 step 5). */
  computeLimitNeverBelowOriginal: z.boolean().default(true),
}).superRefine(checkOrder);

/**
 * `default`, ours: TensorFusion's settings for requests, bounds, threshold, delay and cadence; limits
 * from windowed peaks. Compute (throttling, recoverable): the peak of the last 90 min plus 5 % while the
 * workload works, the floor once it has been idle (0 %) for 10 min. VRAM (OOM, fatal): the larger of the last
 * 4 h's peak plus 30 % and the last 24 h's peak, the whole GPU past 90 % of it. Chosen on one half of the
 * gentd26 pods, checked on the other (`npm run bench:autoscale`, `test/bench/autoscale/tune.ts`). For
 * workloads that must not be throttled, the bench's `default-conservative` settings (longer window, larger
 * margin, a share kept while quiet) throttle less than TensorFusion at less slack.
 */
export const defaultConfigSchema = z.object({
  ...percentileSettings,
  computeBurstWindow: positiveMs.default(90 * MINUTE),
  computeBurstMargin: ratio.default(0.05),
  /** Idle this long (no sample above `computeIdleAtMost` percent) makes the workload quiet (`quiet-rule.ts`); 0 turns it off. */
  computeQuietAfter: durationMs.default(10 * MINUTE),
  /** The share of the compute limit kept while quiet: 0 drops it to the floor (1 TFLOPS, and at least `minComputeResourcesRatio` of the original limit). */
  computeQuietShare: share.default(0),
  /** A duty cycle (percent) at or below this counts as idle; an idle GPU reads exactly 0 on gentd26. */
  computeIdleAtMost: ratio.default(0),
  vramBurstWindow: positiveMs.default(4 * HOUR),
  vramBurstMargin: ratio.default(0.3),
  /** 0 turns the floor window off. */
  vramFloorWindow: durationMs.default(24 * HOUR),
  vramFloorMargin: ratio.default(0),
  /** A limit past this share of the GPU becomes the whole GPU (1 turns it off). */
  computeWholeAbove: share.default(1),
  vramWholeAbove: share.default(0.9),
}).superRefine(checkOrder);

/** `vpa`: the Kubernetes VPA recommender and updater defaults (anchors §B6), compute as CPU, VRAM as memory. */
export const vpaConfigSchema = z.object({
  targetPercentile: share.default(0.9),
  lowerBoundPercentile: share.default(0.5),
  upperBoundPercentile: share.default(0.95),
  marginFraction: ratio.default(0.15),
  halfLife: positiveMs.default(24 * HOUR),
  interval: positiveMs.default(MINUTE),
  memoryAggregationInterval: positiveMs.default(24 * HOUR),
  /** In range, the updater applies a total relative change over this share once the pod is `podLifetimeUpdateThreshold` old. */
  updateThreshold: ratio.default(0.1),
  podLifetimeUpdateThreshold: durationMs.default(12 * HOUR),
  /** After an OOM (a sample over the VRAM limit) the peak is bumped by this ratio, at least `oomMinBumpUpBytes`. */
  oomBumpUpRatio: ratio.default(1.2),
  oomMinBumpUpBytes: ratio.default(100 * 1024 * 1024),
  minComputeTflops: ratio.default(1),
  minVRAMBytes: ratio.default(GIB),
});

/** Resolved `tensorfusion` settings. */
export type TensorfusionConfig = z.output<typeof tensorfusionConfigSchema>;
/** Resolved `default` settings. */
export type DefaultConfig = z.output<typeof defaultConfigSchema>;
/** Resolved `vpa` settings. */
export type VpaConfig = z.output<typeof vpaConfigSchema>;
