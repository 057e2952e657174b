import type { AllocationContext } from './allocation-context.ts';
import type { AllocationFilter } from './allocation-filter.ts';
import { countBits, fullMask } from './gpu-mask.ts';
import type { GpuNode, GpuSnapshot } from './gpu-snapshot.ts';
import type { Candidates } from './placement-strategy.ts';

/** What one filter took out: GPUs (those still candidates when it ran) and whole nodes. */
export interface FilterRemoval {
  readonly filter: string;
  readonly removed: { readonly gpus: number; readonly nodes: number };
  readonly reason: string;
}

/** The survivors of the chain and, per filter that removed anything, what it removed. */
export interface FilterOutcome {
  readonly candidates: Candidates;
  readonly report: FilterRemoval[];
}

interface Step {
  readonly filter: AllocationFilter;
  gpus: number;
  nodes: number;
}

/** The node's candidate GPUs after the chain, or `undefined` once a step drops the node (counted there). */
function runChain(node: GpuNode, context: AllocationContext, steps: readonly Step[]): number | undefined {
  const withGpus = context.request.gpuCount > 0;
  let mask = fullMask(node);
  for (const step of steps) {
    const { filter } = step;
    const before = countBits(mask);
    if (filter.scope === 'node') {
      if (filter.keepNode(node, context, before)) continue;
      step.gpus += before;
    } else {
      if (!withGpus) continue;
      mask = filter.keepGpus(node, mask, context);
      step.gpus += before - countBits(mask);
      if (mask !== 0) continue;
    }
    step.nodes += 1;
    return undefined;
  }
  return mask;
}

/**
 * Run the filter chain over every node of the snapshot. Each GPU and node is counted against the
 * first filter that removed it, so the report says why a request is unschedulable, filter by filter
 * (TensorFusion's filter details; Kueue's inadmissible reasons).
 */
export function runFilters(snapshot: GpuSnapshot, context: AllocationContext, filters: readonly AllocationFilter[]): FilterOutcome {
  const steps: Step[] = filters.map((filter) => ({ filter, gpus: 0, nodes: 0 }));
  const nodes: GpuNode[] = [];
  const masks: number[] = [];
  for (const node of snapshot.nodes) {
    const mask = runChain(node, context, steps);
    if (mask === undefined) continue;
    nodes.push(node);
    masks.push(mask);
  }
  const report = steps
    .filter((step) => step.gpus + step.nodes > 0)
    .map((step) => ({ filter: step.filter.name, removed: { gpus: step.gpus, nodes: step.nodes }, reason: step.filter.reason(context.request) }));
  return { candidates: { nodes, masks }, report };
}
