import type { NodeSelectorTerm, Toleration } from '../../schemas/node-scheduling.ts';
import type { GpuCatalogue } from '../catalogue/gpu-catalogue.ts';
import { builtinCatalogue, normalizeGpuName } from '../catalogue/gpu-catalogue.ts';
import type { WorkloadSpec } from '../model/workload-spec.ts';
import type { AllocationRequest } from './allocation-request.ts';

/** TensorFusion's scheduler plugin argument `maxWorkerPerNode` (reference §4.1). */
export const DEFAULT_MAX_WORKERS_PER_NODE = 256;

/** What a `WorkloadSpec` does not say about where its pod may go. */
export interface RequestOptions {
  /** Catalogue for model names; default the built-in one. */
  readonly catalogue?: GpuCatalogue;
  /** Required node labels (from the pod's or the profile's required node affinity). */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Required node affinity terms (OR'ed). */
  readonly requiredNodeAffinity?: readonly NodeSelectorTerm[];
  readonly tolerations?: readonly Toleration[];
  readonly cpuMilli?: number;
  readonly memoryMiB?: number;
  readonly maxWorkersPerNode?: number;
  readonly maxWorkersPerGpu?: number;
}

/**
 * Every name a GPU may carry and still be one of `models`: each name as given, and for a name the
 * catalogue knows, its model id and all its aliases, so `V100M16` allows a GPU reported as
 * `Tesla V100-SXM2-16GB`. All in `normalizeGpuName` form. A family name (`A100`) means the one
 * variant the catalogue gives it, as a lookup does.
 */
export function allowedModelNames(models: readonly string[], catalogue: GpuCatalogue = builtinCatalogue): string[] {
  const names = new Set<string>();
  for (const model of models) {
    names.add(normalizeGpuName(model));
    const spec = catalogue.lookup(model);
    for (const name of spec === undefined ? [] : [spec.model, ...spec.aliases]) names.add(normalizeGpuName(name));
  }
  return [...names];
}

/**
 * The allocation request of a resolved workload: its per-GPU requests (not limits: TensorFusion packs
 * requests against physical capacity, reference §4.2), GPU count, models, vendor, dedicated flag and pool.
 */
export function requestFromSpec(spec: WorkloadSpec, options: RequestOptions = {}): AllocationRequest {
  return {
    perGpu: { ...spec.requests, vramPercentMilli: 0 },
    gpuCount: spec.gpuCount,
    gpuModels: allowedModelNames(spec.gpuModels, options.catalogue),
    vendor: spec.vendor,
    dedicatedGpu: spec.dedicatedGpu,
    pool: spec.pool,
    nodeSelector: options.nodeSelector ?? {},
    requiredNodeAffinity: options.requiredNodeAffinity ?? [],
    tolerations: options.tolerations ?? [],
    cpuMilli: options.cpuMilli ?? 0,
    memoryMiB: options.memoryMiB ?? 0,
    maxWorkersPerNode: options.maxWorkersPerNode ?? DEFAULT_MAX_WORKERS_PER_NODE,
    maxWorkersPerGpu: options.maxWorkersPerGpu ?? 0,
  };
}
