import type { GpuFilter } from '../allocation-filter.ts';
import { keepBits } from '../gpu-mask.ts';

/** Only GPUs of the requested vendor, ignoring case (TensorFusion's GPUVendorFilter). */
export const gpuVendor: GpuFilter = {
  name: 'gpu-vendor',
  scope: 'gpu',
  keepGpus(node, mask, { request }) {
    const wanted = request.vendor?.toLowerCase();
    if (wanted === undefined) return mask;
    return keepBits(node, mask, (gpu) => gpu.vendor === request.vendor || gpu.vendor.toLowerCase() === wanted);
  },
  reason: (request) => `GPU vendor is not ${request.vendor ?? ''}`,
};
