// One placement strategy per pool and mode, kept across batches (the fragmentation-aware strategy remembers
// node states). The mode is the pool's GPUPool `spec.placement.mode` (default FragmentationAware), read through
// the Cluster port's short cache; a pool without a GPUPool object uses the default too.
import { strategyForMode } from '../../shared/core/allocation/strategy-for-mode.ts';
import type { PlacementStrategy } from '../../shared/core/allocation/placement-strategy.ts';
import { workloadDistribution } from '../../shared/core/allocation/workload-distribution.ts';
import type { Cluster } from '../../shared/ports/cluster.ts';
import type { PlacementMode } from '../../shared/schemas/gpu-pool.ts';

/** The mode of a pool whose GPUPool says nothing (the schema's default). */
export const DEFAULT_PLACEMENT_MODE: PlacementMode = 'FragmentationAware';

/**
 * `strategyFor(pool)`: the pool's mode, or `override` for every pool. The fragmentation-aware strategy plans
 * for an empty target workload here, which makes it place where the least GPU share is left (tightest fit);
 * feeding it the pool's observed requests is left to the autoscaling work that collects them.
 */
export function poolStrategies(options: { readonly cluster: Pick<Cluster, 'listGpuPools'>; readonly override?: PlacementMode }): (pool: string) => Promise<PlacementStrategy> {
  const strategies = new Map<string, PlacementStrategy>();
  return async (pool) => {
    const found = options.override === undefined ? (await options.cluster.listGpuPools()).find((gpuPool) => gpuPool.metadata.name === pool) : undefined;
    const mode = options.override ?? found?.spec.placement?.mode ?? DEFAULT_PLACEMENT_MODE;
    const key = `${pool}/${mode}`;
    let strategy = strategies.get(key);
    if (strategy === undefined) strategies.set(key, strategy = strategyForMode(mode, { distribution: workloadDistribution([]) }));
    return strategy;
  };
}
