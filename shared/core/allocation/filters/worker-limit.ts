import type { GpuFilter } from '../allocation-filter.ts';
import { keepBits } from '../gpu-mask.ts';

/**
 * No node beyond `maxWorkersPerNode` workers (TensorFusion's `maxWorkerPerNode`, applied after its
 * chain, reference §4.2) and no GPU beyond `maxWorkersPerGpu` sharers; 0 means no limit.
 */
export const workerLimit: GpuFilter = {
  name: 'worker-limit',
  scope: 'gpu',
  keepGpus(node, mask, { request }) {
    if (request.maxWorkersPerNode > 0 && node.workers >= request.maxWorkersPerNode) return 0;
    if (request.maxWorkersPerGpu === 0) return mask;
    return keepBits(node, mask, (gpu) => gpu.allocations < request.maxWorkersPerGpu);
  },
  reason: (request) => `node holds ${request.maxWorkersPerNode} workers or GPU is shared by ${request.maxWorkersPerGpu} (0 = no limit)`,
};
