import { AppError } from '../errors.ts';
import { createAllocationContext } from './allocation-context.ts';
import type { AllocationRequest } from './allocation-request.ts';
import { DEFAULT_FILTERS } from './default-filters.ts';
import { requiredOn } from './gpu-math.ts';
import type { GpuSnapshot } from './gpu-snapshot.ts';
import type { PlacementStrategy } from './placement-strategy.ts';
import type { FilterRemoval } from './run-filters.ts';
import { runFilters } from './run-filters.ts';

/** TensorFusion accepts `gpu-count` in [1, 128] (reference §4.2); 0 is a trace's CPU-only pod. */
export const MAX_GPU_COUNT = 128;

/** One GPU of a placement and what is booked on it. */
export interface PlacedGpu {
  readonly uuid: string;
  readonly tflopsMilli: number;
  readonly vramBytes: number;
}

/** The request fits: this node, these GPUs, these amounts. */
export interface Placed {
  readonly kind: 'placed';
  readonly node: string;
  readonly gpus: readonly PlacedGpu[];
}

/** The request fits nowhere: what each filter removed and why. An expected outcome, not an error. */
export interface Unschedulable {
  readonly kind: 'unschedulable';
  readonly report: readonly FilterRemoval[];
}

/** The allocator's answer. */
export type AllocationResult = Placed | Unschedulable;

function checkRequest(request: AllocationRequest): void {
  if (Number.isInteger(request.gpuCount) && request.gpuCount >= 0 && request.gpuCount <= MAX_GPU_COUNT) return;
  throw new AppError('INVALID_INPUT', `gpuCount must be a whole number from 0 to ${MAX_GPU_COUNT}, got ${request.gpuCount}`, {
    details: { gpuCount: request.gpuCount },
  });
}

/**
 * Decide where a request goes: run the filter chain on the snapshot, then let the strategy pick among
 * the survivors. Pure: the snapshot is not changed (`applyPlacement` books a decision). Throws only for
 * bad input (a GPU count out of range, a node with more GPUs than one mask holds).
 */
export function allocate(snapshot: GpuSnapshot, request: AllocationRequest, strategy: PlacementStrategy): AllocationResult {
  checkRequest(request);
  const context = createAllocationContext(request);
  const { candidates, report } = runFilters(snapshot, context, DEFAULT_FILTERS);
  if (candidates.nodes.length === 0) {
    const empty: FilterRemoval = { filter: 'snapshot', removed: { gpus: 0, nodes: 0 }, reason: 'the snapshot has no GPU nodes' };
    return { kind: 'unschedulable', report: report.length > 0 ? report : [empty] };
  }
  const choice = strategy.choose(candidates, context);
  const node = candidates.nodes[choice.node];
  if (node === undefined) throw new AppError('INTERNAL', `strategy ${strategy.name} chose node ${choice.node} of ${candidates.nodes.length}`);
  const gpus = choice.gpus.map((position): PlacedGpu => {
    const gpu = node.gpus[position];
    if (gpu === undefined) throw new AppError('INTERNAL', `strategy ${strategy.name} chose GPU ${position} of node ${node.name}`);
    return { uuid: gpu.uuid, ...requiredOn(gpu, request) };
  });
  return { kind: 'placed', node: node.name, gpus };
}
