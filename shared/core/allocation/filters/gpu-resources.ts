import type { GpuFilter } from '../allocation-filter.ts';
import { fitsOn } from '../gpu-math.ts';
import { keepBits } from '../gpu-mask.ts';

/**
 * Only GPUs with the requested TFLOPS and VRAM free (TensorFusion's ResourceFilter); a percent request
 * is converted with each GPU's own capacity. A GPU a dedicated worker holds serves nothing else.
 */
export const gpuResources: GpuFilter = {
  name: 'gpu-resources',
  scope: 'gpu',
  keepGpus: (node, mask, { request }) => keepBits(node, mask, (gpu) => fitsOn(gpu, request)),
  reason: () => 'GPU has less than the requested TFLOPS or VRAM free',
};
