// One placement strategy per pool and mode, kept across batches (the fragmentation-aware strategy remembers
// node states) while the pool's observed workload stays the same. The mode is the pool's GPUPool `spec.placement.mode` (default FragmentationAware), read through
// the Cluster port's short cache; a pool without a GPUPool object uses the default too.
import { strategyForMode } from '../../shared/core/allocation/strategy-for-mode.ts';
import type { PlacementStrategy } from '../../shared/core/allocation/placement-strategy.ts';
import type { WorkloadDistribution } from '../../shared/core/allocation/workload-distribution.ts';
import { distributionKey } from '../../shared/core/ledger/observed-workload.ts';
import type { Cluster } from '../../shared/ports/cluster.ts';
import type { PlacementMode } from '../../shared/schemas/gpu-pool.ts';

/** The mode of a pool whose GPUPool says nothing (the schema's default). */
export const DEFAULT_PLACEMENT_MODE: PlacementMode = 'FragmentationAware';

/**
 * `strategyFor(pool, workload)`: the pool's mode, or `override` for every pool. The fragmentation-aware
 * strategy plans for the pool's observed workload (`observedWorkload`: the mix of its allocations); it is
 * rebuilt only when that mix changes materially (`distributionKey`), so its per-node caches live across
 * batches. An empty pool plans for nothing, which places on the tightest fit.
 */
export function poolStrategies(options: { readonly cluster: Pick<Cluster, 'listGpuPools'>; readonly override?: PlacementMode }): (pool: string, workload: WorkloadDistribution) => Promise<PlacementStrategy> {
  const strategies = new Map<string, { readonly key: string; readonly strategy: PlacementStrategy }>();
  return async (pool, workload) => {
    const found = options.override === undefined ? (await options.cluster.listGpuPools()).find((gpuPool) => gpuPool.metadata.name === pool) : undefined;
    const mode = options.override ?? found?.spec.placement?.mode ?? DEFAULT_PLACEMENT_MODE;
    const key = mode === 'FragmentationAware' ? distributionKey(workload) : '';
    const kept = strategies.get(`${pool}/${mode}`);
    if (kept !== undefined && kept.key === key) return kept.strategy;
    const strategy = strategyForMode(mode, { distribution: workload });
    strategies.set(`${pool}/${mode}`, { key, strategy });
    return strategy;
  };
}
