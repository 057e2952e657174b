import type { AllocationFilter } from './allocation-filter.ts';
import { gpuModel } from './filters/gpu-model.ts';
import { gpuResources } from './filters/gpu-resources.ts';
import { gpuVendor } from './filters/gpu-vendor.ts';
import { nodeAffinity } from './filters/node-affinity.ts';
import { nodeResources } from './filters/node-resources.ts';
import { pool } from './filters/pool.ts';
import { sameNode } from './filters/same-node.ts';
import { taintToleration } from './filters/taint-toleration.ts';
import { wholeGpu } from './filters/whole-gpu.ts';
import { workerLimit } from './filters/worker-limit.ts';

/**
 * The chain `allocate` runs: TensorFusion's filters (reference §4.2) with the node-wide checks first,
 * since they drop a node in one test, then the per-GPU ones, and the same-node count last.
 */
export const DEFAULT_FILTERS: readonly AllocationFilter[] = Object.freeze([
  pool,
  nodeAffinity,
  taintToleration,
  nodeResources,
  workerLimit,
  gpuModel,
  gpuVendor,
  wholeGpu,
  gpuResources,
  sameNode,
]);
