import { normalizeGpuName } from '../catalogue/gpu-catalogue.ts';
import type { AllocationRequest } from './allocation-request.ts';

/**
 * One decision's view of its request, shared by the filters and the strategy: the request, and
 * lookups remembered for the length of the decision (a fleet has a handful of GPU models and
 * thousands of GPUs).
 */
export interface AllocationContext {
  readonly request: AllocationRequest;
  /** Whether a GPU of this model may serve the request (any model when the request names none). */
  allowsModel(model: string): boolean;
}

/** The context of one decision on `request`. */
export function createAllocationContext(request: AllocationRequest): AllocationContext {
  const allowed = new Set(request.gpuModels);
  const seen = new Map<string, boolean>();
  return {
    request,
    allowsModel(model) {
      if (allowed.size === 0) return true;
      let verdict = seen.get(model);
      if (verdict === undefined) {
        verdict = allowed.has(normalizeGpuName(model));
        seen.set(model, verdict);
      }
      return verdict;
    },
  };
}
