import type { GpuFilter } from '../allocation-filter.ts';
import { isIdle } from '../gpu-math.ts';
import { keepBits } from '../gpu-mask.ts';

/** For a dedicated-GPU request, only completely idle GPUs (TensorFusion's SharedWholeGPUFilter). */
export const wholeGpu: GpuFilter = {
  name: 'whole-gpu',
  scope: 'gpu',
  keepGpus: (node, mask, { request }) => (request.dedicatedGpu ? keepBits(node, mask, isIdle) : mask),
  reason: () => 'GPU is not idle, and a dedicated-GPU request takes a whole GPU',
};
