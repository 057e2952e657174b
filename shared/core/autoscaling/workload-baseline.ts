import type { GpuModelSpec } from '../catalogue/gpu-model.ts';
import type { ResourceAmounts, WorkloadSpec } from '../model/workload-spec.ts';
import type { ComputeVram, RequestsLimits, WorkloadBaseline } from './usage-sample.ts';

/** One GPU's capacity: VRAM in bytes and dense FP16 TFLOPS. */
export interface GpuCapacity {
  readonly vramBytes: number;
  readonly tflops: number;
}

/** A catalogue model's capacity: its VRAM, and its dense FP16 TFLOPS (the catalogue keeps milli-TFLOPS). */
export function gpuCapacityOf(model: Pick<GpuModelSpec, 'vramBytes' | 'fp16TflopsMilli'>): GpuCapacity {
  return { vramBytes: model.vramBytes, tflops: model.fp16TflopsMilli / 1000 };
}

/**
 * The compute share of `amounts` in percent of the GPU: the percent itself, or TFLOPS over the GPU's
 * TFLOPS (a spec states one or the other, never both).
 */
export function computePercentOf(amounts: Partial<ResourceAmounts>, gpu: GpuCapacity): number | undefined {
  if (amounts.computePercentMilli !== undefined && amounts.computePercentMilli > 0) return amounts.computePercentMilli / 1000;
  if (amounts.tflopsMilli !== undefined && amounts.tflopsMilli > 0 && gpu.tflops > 0) return amounts.tflopsMilli / 10 / gpu.tflops;
  return undefined;
}

/** Per-GPU amounts as the recommenders count them (compute percent, VRAM bytes); unset compute is 0. */
export function computeVramOf(amounts: ResourceAmounts, gpu: GpuCapacity): ComputeVram {
  return { computePercent: computePercentOf(amounts, gpu) ?? 0, vramBytes: amounts.vramBytes };
}

/** A spec's requests and limits in recommender units. */
export function requestsLimitsOf(spec: { readonly requests: ResourceAmounts; readonly limits: ResourceAmounts }, gpu: GpuCapacity): RequestsLimits {
  return { requests: computeVramOf(spec.requests, gpu), limits: computeVramOf(spec.limits, gpu) };
}

/**
 * Recommender units back in the unit `like` states compute in (TFLOPS when it uses TFLOPS, else percent),
 * in thousandths, and VRAM in whole MiB rounded up, so annotations stay readable (`4.5Gi`, not bytes).
 */
export function amountsLike(values: ComputeVram, like: ResourceAmounts, gpu: GpuCapacity): ResourceAmounts {
  const MIB = 1024 ** 2;
  const vramBytes = Math.ceil(values.vramBytes / MIB) * MIB;
  if (like.tflopsMilli > 0) return { tflopsMilli: Math.round(values.computePercent * gpu.tflops * 10), computePercentMilli: 0, vramBytes };
  return { tflopsMilli: 0, computePercentMilli: Math.round(values.computePercent * 1000), vramBytes };
}

/** What a recommender knows of a workload before any sample: its spec (the original values the ratio bounds refer to). */
export function baselineOf(spec: WorkloadSpec, gpu: GpuCapacity, createdMs: number): WorkloadBaseline {
  return { original: requestsLimitsOf(spec, gpu), qos: spec.qos, gpu, createdMs };
}
