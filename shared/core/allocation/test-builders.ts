// Builders for the allocation unit tests (STYLE §5: never hand-write a 20-line GPU object). They belong
// with the other fixtures in test/fixtures; they sit here because this change may only touch allocation.
import type { AllocationRequest, GpuDemand } from './allocation-request.ts';
import { percentOf } from './gpu-math.ts';
import type { GpuDevice, GpuNode } from './gpu-snapshot.ts';

const GIB = 2 ** 30;

/** An A100 PCIe 40 GB's capacity (catalogue `A100_PCIe_40G`). */
export const A100 = Object.freeze({ tflopsMilli: 312_000, vramBytes: 40 * GIB });

/** An idle A100 GPU, with the given fields replaced. */
export function gpuWith(overrides: Partial<GpuDevice>): GpuDevice {
  return {
    uuid: 'gpu-0', index: 0, model: 'A100_PCIe_40G', vendor: 'NVIDIA', capacity: A100,
    used: { tflopsMilli: 0, vramBytes: 0 }, allocations: 0, wholeGpuTaken: false, ...overrides,
  };
}

/** The same GPU with `milli` thousandths of its compute and memory booked by one worker (none for 0). */
export function withShareUsed(gpu: GpuDevice, milli: number): GpuDevice {
  return {
    ...gpu,
    used: { tflopsMilli: percentOf(gpu.capacity.tflopsMilli, milli * 100), vramBytes: percentOf(gpu.capacity.vramBytes, milli * 100) },
    allocations: gpu.allocations + (milli > 0 ? 1 : 0),
  };
}

/** A node `name` in pool `default-pool` with `count` idle A100s (uuids `<name>-gpu<i>`), fields replaced. */
export function nodeWith(name: string, count: number, overrides: Partial<GpuNode>): GpuNode {
  const gpus = Array.from({ length: count }, (_, index) => gpuWith({ uuid: `${name}-gpu${index}`, index }));
  return { name, pool: 'default-pool', labels: {}, workers: 0, gpus, ...overrides };
}

/** A node whose GPUs have these shares (thousandths) booked, each by one worker. */
export function nodeWithShares(name: string, used: readonly number[], overrides: Partial<GpuNode>): GpuNode {
  const node = nodeWith(name, used.length, overrides);
  return { ...node, gpus: node.gpus.map((gpu, index) => withShareUsed(gpu, used[index] as number)) };
}

/** A per-GPU demand of `percent` % of compute and memory (the trace's `gpu_milli` / 10). */
export function percentShare(percent: number): GpuDemand {
  return { tflopsMilli: 0, computePercentMilli: percent * 1000, vramBytes: 0, vramPercentMilli: percent * 1000 };
}

/** A request for one GPU with 10 TFLOPS and 4 GiB, any node, fields replaced. */
export function requestWith(overrides: Partial<AllocationRequest>): AllocationRequest {
  return {
    perGpu: { tflopsMilli: 10_000, computePercentMilli: 0, vramBytes: 4 * GIB, vramPercentMilli: 0 },
    gpuCount: 1, gpuModels: [], vendor: undefined, dedicatedGpu: false, pool: undefined, nodeSelector: {},
    cpuMilli: 0, memoryMiB: 0, maxWorkersPerNode: 256, maxWorkersPerGpu: 0, ...overrides,
  };
}
