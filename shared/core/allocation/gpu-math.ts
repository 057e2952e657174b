import type { AllocationRequest } from './allocation-request.ts';
import type { GpuAmounts, GpuDevice } from './gpu-snapshot.ts';

const PERCENT_MILLI = 100_000;
/** Shares of a GPU are counted in thousandths (the trace's `gpu_milli`). */
export const SHARE_MILLI = 1000;
/** Float slack when a share is rounded to a whole thousandth. */
const SLACK = 1e-9;

/**
 * `floor(amount × percentMilli / 100_000)` in exact integer arithmetic (the plain product can pass
 * 2^53 for VRAM in bytes). TensorFusion truncates the same way (`ComputePercentToTflops`, reference §4.2).
 */
export function percentOf(amount: number, percentMilli: number): number {
  const whole = Math.floor(amount / PERCENT_MILLI);
  const rest = amount - whole * PERCENT_MILLI;
  return whole * percentMilli + Math.floor((rest * percentMilli) / PERCENT_MILLI);
}

/**
 * The TFLOPS (milli) `amounts` take on a GPU of `capacity`: the TFLOPS stated, else the stated percent
 * of this GPU's TFLOPS. A request states one or the other (reference §4.2).
 */
export function tflopsOn(capacity: { readonly tflopsMilli: number }, amounts: { readonly tflopsMilli: number; readonly computePercentMilli: number }): number {
  return amounts.tflopsMilli > 0 ? amounts.tflopsMilli : percentOf(capacity.tflopsMilli, amounts.computePercentMilli);
}

/**
 * What the request takes on this GPU: the stated amount, or the stated percent of this GPU's capacity;
 * a dedicated request takes the whole device.
 */
export function requiredOn(gpu: GpuDevice, request: AllocationRequest): GpuAmounts {
  if (request.dedicatedGpu) return gpu.capacity;
  const demand = request.perGpu;
  return {
    tflopsMilli: tflopsOn(gpu.capacity, demand),
    vramBytes: demand.vramBytes > 0 ? demand.vramBytes : percentOf(gpu.capacity.vramBytes, demand.vramPercentMilli),
  };
}

/**
 * Whether the request fits on the GPU: its share of compute and memory free, and no dedicated worker
 * there. The same sums as {@link requiredOn} and {@link freeOf}, without building objects, since the
 * filters ask it for every GPU of the fleet.
 */
export function fitsOn(gpu: GpuDevice, request: AllocationRequest): boolean {
  if (gpu.wholeGpuTaken) return false;
  const { capacity, used } = gpu;
  if (request.dedicatedGpu) return used.tflopsMilli <= 0 && used.vramBytes <= 0;
  const demand = request.perGpu;
  const tflops = tflopsOn(capacity, demand);
  const vram = demand.vramBytes > 0 ? demand.vramBytes : percentOf(capacity.vramBytes, demand.vramPercentMilli);
  return capacity.tflopsMilli - used.tflopsMilli >= tflops && capacity.vramBytes - used.vramBytes >= vram;
}

/** Free compute and memory: capacity less bookings, nothing when a dedicated worker holds the GPU. */
export function freeOf(gpu: GpuDevice): GpuAmounts {
  if (gpu.wholeGpuTaken) return { tflopsMilli: 0, vramBytes: 0 };
  return {
    tflopsMilli: Math.max(0, gpu.capacity.tflopsMilli - gpu.used.tflopsMilli),
    vramBytes: Math.max(0, gpu.capacity.vramBytes - gpu.used.vramBytes),
  };
}

const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/**
 * The free part of the GPU in thousandths, the scarcer of compute and memory, rounded down: what
 * scoring and fragmentation count in (for the trace, exactly 1000 less the `gpu_milli` booked).
 */
export function freeShareMilli(gpu: GpuDevice): number {
  const free = freeOf(gpu);
  const share = Math.min(ratio(free.tflopsMilli, gpu.capacity.tflopsMilli), ratio(free.vramBytes, gpu.capacity.vramBytes));
  return Math.floor(share * SHARE_MILLI + SLACK);
}

/** The part of the GPU `amounts` take in thousandths, the larger of compute and memory, rounded up. */
export function shareMilliOf(amounts: GpuAmounts, gpu: GpuDevice): number {
  const share = Math.max(ratio(amounts.tflopsMilli, gpu.capacity.tflopsMilli), ratio(amounts.vramBytes, gpu.capacity.vramBytes));
  return Math.max(0, Math.ceil(share * SHARE_MILLI - SLACK));
}

/** Whether the GPU is completely idle: nothing booked, no worker on it (TensorFusion's SharedWholeGPUFilter). */
export function isIdle(gpu: GpuDevice): boolean {
  return !gpu.wholeGpuTaken && gpu.allocations === 0 && gpu.used.tflopsMilli === 0 && gpu.used.vramBytes === 0;
}
