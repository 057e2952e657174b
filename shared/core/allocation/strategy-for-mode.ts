import type { PlacementMode } from '../../schemas/gpu-pool.ts';
import type { PlacementStrategy } from './placement-strategy.ts';
import { bestFit } from './strategies/best-fit.ts';
import { compactFirst } from './strategies/compact-first.ts';
import { createFragmentationAware } from './strategies/fragmentation-aware.ts';
import { lowLoadFirst } from './strategies/low-load-first.ts';
import { nodeCompactGpuLowLoad } from './strategies/node-compact-gpu-low-load.ts';
import type { WorkloadDistribution } from './workload-distribution.ts';

/**
 * The strategy of a pool's placement mode (`GPUPool.spec...placement.mode`, default FragmentationAware).
 * Build it once per pool and distribution and keep it: the fragmentation-aware strategy remembers node
 * states between decisions.
 */
export function strategyForMode(mode: PlacementMode, options: { readonly distribution: WorkloadDistribution }): PlacementStrategy {
  switch (mode) {
    case 'FragmentationAware': return createFragmentationAware(options);
    case 'CompactFirst': return compactFirst;
    case 'LowLoadFirst': return lowLoadFirst;
    case 'NodeCompactGPULowLoad': return nodeCompactGpuLowLoad;
    case 'BestFit': return bestFit;
  }
}
