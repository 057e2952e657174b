import type { ResourceBounds } from './resource-bounds.ts';
import type { WorkloadBaseline } from './usage-sample.ts';

/** The settings that bound recommendations (TensorFusion's names, reference §3.2). */
export interface BoundSettings {
  readonly minComputeTflops: number;
  readonly minVRAMBytes: number;
  readonly minComputeResourcesRatio: number;
  readonly maxComputeResourcesRatio: number;
  readonly minVRAMResourcesRatio: number;
  readonly maxVRAMResourcesRatio: number;
}

/** Bounds for the compute share of `workload` (percent of its GPU; the TFLOPS floor converted with the GPU's TFLOPS). */
export function computeBounds(workload: WorkloadBaseline, settings: BoundSettings): ResourceBounds {
  const { requests, limits } = workload.original;
  return {
    floor: workload.gpu.tflops > 0 ? (100 * settings.minComputeTflops) / workload.gpu.tflops : 0,
    minRatio: settings.minComputeResourcesRatio,
    maxRatio: settings.maxComputeResourcesRatio,
    original: { request: requests.computePercent, limit: limits.computePercent },
    capacity: 100,
  };
}

/** Bounds for the VRAM of `workload`, in bytes. */
export function vramBounds(workload: WorkloadBaseline, settings: BoundSettings): ResourceBounds {
  const { requests, limits } = workload.original;
  return {
    floor: settings.minVRAMBytes,
    minRatio: settings.minVRAMResourcesRatio,
    maxRatio: settings.maxVRAMResourcesRatio,
    original: { request: requests.vramBytes, limit: limits.vramBytes },
    capacity: workload.gpu.vramBytes,
  };
}
