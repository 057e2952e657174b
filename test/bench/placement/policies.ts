// The placement policies the bench compares, by the names its table and JSON use.
import type { AllocationRequest } from '../../../shared/core/allocation/allocation-request.ts';
import type { GpuNode } from '../../../shared/core/allocation/gpu-snapshot.ts';
import type { PlacementStrategy } from '../../../shared/core/allocation/placement-strategy.ts';
import { bestFit } from '../../../shared/core/allocation/strategies/best-fit.ts';
import { compactFirst } from '../../../shared/core/allocation/strategies/compact-first.ts';
import { createFragmentationAware } from '../../../shared/core/allocation/strategies/fragmentation-aware.ts';
import { lowLoadFirst } from '../../../shared/core/allocation/strategies/low-load-first.ts';
import { nodeCompactGpuLowLoad } from '../../../shared/core/allocation/strategies/node-compact-gpu-low-load.ts';
import { createRandom } from '../../../shared/core/allocation/strategies/random.ts';
import { workloadDistribution } from '../../../shared/core/allocation/workload-distribution.ts';
import { createFgdReference, typicalPods } from './fgd-reference.ts';
import { seededRandom } from './prng.ts';

/** `all` runs these; `fgd` (the re-implemented paper baseline) runs when named. */
export const POLICIES = ['default', 'best-fit', 'random', 'compact-first', 'low-load-first', 'node-compact-gpu-low-load'] as const;
/** Every policy the bench knows. */
export const KNOWN_POLICIES: readonly string[] = [...POLICIES, 'fgd'];

/** What a policy may need: the pod list (the target workload, as FGD takes it), the nodes, the seed. */
export interface PolicyInput {
  readonly requests: readonly AllocationRequest[];
  readonly nodes: readonly GpuNode[];
  readonly seed: number;
}

/** A fresh strategy for one run. */
export function createPolicy(name: string, input: PolicyInput): PlacementStrategy {
  switch (name) {
    case 'default': return createFragmentationAware({ distribution: workloadDistribution(input.requests) });
    case 'best-fit': return bestFit;
    case 'random': return createRandom(seededRandom(input.seed * 7919 + 1));
    case 'compact-first': return compactFirst;
    case 'low-load-first': return lowLoadFirst;
    case 'node-compact-gpu-low-load': return nodeCompactGpuLowLoad;
    case 'fgd': return createFgdReference({ pods: typicalPods(input.requests), nodes: input.nodes, seed: seededRandom(input.seed * 104729 + 3) });
    default: throw new Error(`unknown policy ${name}; known: ${KNOWN_POLICIES.join(', ')}`);
  }
}
