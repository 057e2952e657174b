import type { AllocationContext } from './allocation-context.ts';
import type { AllocationRequest } from './allocation-request.ts';
import type { GpuNode } from './gpu-snapshot.ts';

/** A filter that keeps or drops a whole node, seeing how many of its GPUs are still candidates. */
export interface NodeFilter {
  /** Matches the file name; shows in logs and in the unschedulable report. */
  readonly name: string;
  readonly scope: 'node';
  keepNode(node: GpuNode, context: AllocationContext, candidates: number): boolean;
  /** Why a node or GPU this filter drops cannot serve the request, in words. */
  reason(request: AllocationRequest): string;
}

/**
 * A filter that narrows a node's candidate GPUs: it gets them as a mask over `node.gpus` (bit i is
 * `node.gpus[i]`) and returns the ones it keeps. Skipped for a request without GPUs.
 */
export interface GpuFilter {
  readonly name: string;
  readonly scope: 'gpu';
  keepGpus(node: GpuNode, mask: number, context: AllocationContext): number;
  reason(request: AllocationRequest): string;
}

/**
 * One step of the filter chain (TensorFusion's `Filter` list, reference §4.2, one per file as there).
 * The chain runs in order; what a step drops is counted against it in the unschedulable report.
 */
export type AllocationFilter = NodeFilter | GpuFilter;
