import { z } from 'zod';
import { countField, gpuUuidField, isoTimeField, objectNameField, textField } from './event-fields.ts';
import { envelopeOf } from './envelope.ts';

/** The event types on the `gpu-metrics` topic. */
export const GPU_METRICS_EVENT_TYPES = ['gpu.metrics'] as const;

/** Peak and mean of a measure over the interval; the mean never exceeds the peak. */
const statOf = (measure: z.ZodNumber) => z.object({ max: measure, mean: measure })
  .refine((stat) => stat.mean <= stat.max, { path: ['mean'], error: 'be at most max' });

const percent = z.number({ error: 'be a number' }).min(0, { error: 'be 0 or more' }).max(100, { error: 'be at most 100' });
const amount = z.number({ error: 'be a number' }).min(0, { error: 'be 0 or more' });

/** Load of one GPU over the interval: compute in percent of the GPU, TFLOPS, VRAM in bytes. */
export const gpuLoadSchema = z.object({
  uuid: gpuUuidField,
  computePercent: statOf(percent),
  tflops: statOf(amount),
  vramBytes: statOf(amount),
});

/** What one workload container used on one GPU over the interval, aggregated from `samples` samples. */
export const workloadUsageSchema = z.object({
  namespace: objectNameField,
  pod: objectNameField,
  container: textField(253).optional(),
  gpuUuid: gpuUuidField,
  samples: countField.min(1, { error: 'be 1 or more' }),
  computePercent: statOf(percent),
  vramBytes: statOf(amount),
});

/**
 * `gpu.metrics`: one node's GPU metrics aggregated over `[intervalStart, intervalEnd)`. The node-agent
 * aggregates before sending, so the recommender writes once per workload per interval (ARCHITECTURE §7).
 */
export const gpuMetricsSchema = envelopeOf('gpu.metrics', z.object({
  node: objectNameField,
  intervalStart: isoTimeField,
  intervalEnd: isoTimeField,
  gpus: z.array(gpuLoadSchema),
  workloads: z.array(workloadUsageSchema),
}).refine((data) => Date.parse(data.intervalEnd) > Date.parse(data.intervalStart), {
  path: ['intervalEnd'], error: 'be after intervalStart',
}));

/** Any event of the `gpu-metrics` topic. */
export const gpuMetricsEventSchema = gpuMetricsSchema;

/** A validated metrics event. */
export type GpuMetricsEvent = z.output<typeof gpuMetricsEventSchema>;
/** One GPU's load in a metrics event. */
export type GpuLoad = z.output<typeof gpuLoadSchema>;
/** One workload's usage in a metrics event. */
export type WorkloadUsage = z.output<typeof workloadUsageSchema>;
