import { z } from 'zod';
import { amountField } from './quantity-fields.ts';
import { countField, cronField, decimalField, durationField } from './scalar-fields.ts';

const percentile = (what: string) => decimalField(0, 1, `${what} percentile`).optional();
const ratio = (what: string) => decimalField(0, 1000, what).optional();

/** Desired or recommended amounts: requests and limits of tflops, compute (percent) and vram. */
export const resourceAmountsSchema = z.strictObject({
  tflops: amountField('tflops').optional(),
  compute: amountField('percent').optional(),
  vram: amountField('vram').optional(),
});

/** Requests and limits. */
export const resourcesSchema = z.strictObject({
  requests: resourceAmountsSchema.optional(),
  limits: resourceAmountsSchema.optional(),
});

/**
 * `autoSetResources`: the current field names (reference §3.2) and the v1 names the seed's docs use
 * (§3.3, lowercase keys). Both are accepted; the resolver maps v1 names to current ones.
 */
export const autoSetResourcesSchema = z.strictObject({
  enable: z.boolean().optional(),
  targetResource: z.enum(['compute', 'vram', 'all', 'tflops', ''], { error: 'be one of compute, vram, all (tflops is the v1 name of compute), or empty for recommend-only' }).optional(),
  targetComputePercentile: percentile('target compute'),
  lowerBoundComputePercentile: percentile('lower-bound compute'),
  upperBoundComputePercentile: percentile('upper-bound compute'),
  targetVRAMPercentile: percentile('target VRAM'),
  lowerBoundVRAMPercentile: percentile('lower-bound VRAM'),
  upperBoundVRAMPercentile: percentile('upper-bound VRAM'),
  marginFraction: ratio('margin fraction'),
  updateThreshold: ratio('update threshold'),
  historyDataPeriod: durationField.optional(),
  minVRAMResourcesRatio: ratio('minimum VRAM ratio'),
  maxVRAMResourcesRatio: ratio('maximum VRAM ratio'),
  minComputeResourcesRatio: ratio('minimum compute ratio'),
  maxComputeResourcesRatio: ratio('maximum compute ratio'),
  initialDelayPeriod: durationField.optional(),
  interval: durationField.optional(),
  targettflopspercentile: percentile('target TFLOPS (v1)'),
  lowerboundtflopspercentile: percentile('lower-bound TFLOPS (v1)'),
  upperboundtflopspercentile: percentile('upper-bound TFLOPS (v1)'),
  targetvrampercentile: percentile('target VRAM (v1)'),
  lowerboundvrampercentile: percentile('lower-bound VRAM (v1)'),
  upperboundvrampercentile: percentile('upper-bound VRAM (v1)'),
  requestMarginFraction: ratio('request margin fraction (v1)'),
  confidenceInterval: durationField.optional(),
  historyLength: durationField.optional(),
  historyResolution: durationField.optional(),
});

/** `autoSetReplicas` (v1 fields, plus replica bounds). TensorFusion never implemented it; vgpu-control does. */
export const autoSetReplicasSchema = z.strictObject({
  enable: z.boolean().optional(),
  targetTFlopsOfLimits: decimalField(0, 1, 'target share of the TFLOPS limit').optional(),
  evaluationPeriod: durationField.optional(),
  scaleUpStep: countField.optional(),
  scaleDownStep: countField.optional(),
  scaleUpCoolDownTime: durationField.optional(),
  scaleDownCoolDownTime: durationField.optional(),
  minReplicas: countField.optional(),
  maxReplicas: countField.optional(),
});

/** One cron scaling rule: desired resources (and replicas) between `start` and `end`. */
export const cronScalingRuleSchema = z.strictObject({
  enable: z.boolean().optional(),
  name: z.string().min(1, { error: 'not be empty' }),
  start: cronField,
  end: cronField,
  desiredResources: resourcesSchema.optional(),
  desiredReplicas: countField.optional(),
});

/** External scaler (current TensorFusion): an HTTP endpoint that recommends resources. */
export const externalScalerSchema = z.strictObject({
  enable: z.boolean().optional(),
  url: z.url({ protocol: /^https?$/, error: 'be an http(s) URL' }).optional(),
  apiKeySecretRef: z.strictObject({ name: z.string(), namespace: z.string().optional() }).optional(),
  initialDelayPeriod: durationField.optional(),
  interval: durationField.optional(),
});

/** `autoScalingConfig` of a WorkloadProfile. The v1 `autoSetLimits`/`autoSetRequests` are kept as declared only. */
export const autoScalingConfigSchema = z.strictObject({
  autoSetResources: autoSetResourcesSchema.optional(),
  autoSetReplicas: autoSetReplicasSchema.optional(),
  cronScalingRules: z.array(cronScalingRuleSchema).optional(),
  externalScaler: externalScalerSchema.optional(),
  autoSetLimits: z.looseObject({}).optional(),
  autoSetRequests: z.looseObject({}).optional(),
});

/** Parsed autoscaling configuration. */
export type AutoScalingConfig = z.output<typeof autoScalingConfigSchema>;
/** Parsed requests and limits. */
export type Resources = z.output<typeof resourcesSchema>;
