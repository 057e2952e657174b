import type { GpuFilter } from '../allocation-filter.ts';
import { keepBits } from '../gpu-mask.ts';

/**
 * Only GPUs of an allowed model, names compared case-insensitively and through the catalogue's
 * aliases (`requestFromSpec` expands them); TensorFusion's GPUModelFilter compares exact strings.
 */
export const gpuModel: GpuFilter = {
  name: 'gpu-model',
  scope: 'gpu',
  keepGpus: (node, mask, context) =>
    context.request.gpuModels.length === 0 ? mask : keepBits(node, mask, (gpu) => context.allowsModel(gpu.model)),
  reason: (request) => `GPU model is not one of ${request.gpuModels.join(', ')}`,
};
