import type { AllocationContext } from './allocation-context.ts';
import type { GpuNode } from './gpu-snapshot.ts';

/**
 * The nodes that passed every filter, in snapshot order, each with its candidate GPUs as a mask over
 * `node.gpus` (at least `gpuCount` bits set).
 */
export interface Candidates {
  readonly nodes: readonly GpuNode[];
  readonly masks: readonly number[];
}

/** A strategy's pick: a position in `Candidates.nodes` and `gpuCount` positions in that node's `gpus`. */
export interface Choice {
  readonly node: number;
  readonly gpus: readonly number[];
}

/**
 * How the allocator picks among the candidates (TensorFusion's placement modes, reference §4.3, and
 * this project's fragmentation-aware default); one per file under `strategies/`.
 */
export interface PlacementStrategy {
  /** Matches the file name; shows in logs and decisions. */
  readonly name: string;
  /** Pick a node and its GPUs; called with at least one candidate, and must choose among them. */
  choose(candidates: Candidates, context: AllocationContext): Choice;
}
