import type { AllocationRequest } from '../allocation/allocation-request.ts';
import { workloadDistribution, type WorkloadDistribution } from '../allocation/workload-distribution.ts';
import type { BookedGpu, LedgerAllocation, NodeLedger } from '../../schemas/node-ledger.ts';

/** The request one booked allocation stands for: its GPU count and what it holds on each GPU. */
function requestOf(allocation: LedgerAllocation, pool: string): AllocationRequest {
  // The schema gives every allocation at least one GPU, and one pod books the same on each of its GPUs.
  const first = allocation.gpus[0] as BookedGpu;
  return {
    perGpu: { tflopsMilli: first.tflopsMilli, computePercentMilli: 0, vramBytes: first.vramBytes, vramPercentMilli: 0 },
    gpuCount: allocation.gpus.length, gpuModels: [], vendor: undefined, dedicatedGpu: allocation.dedicated, pool,
    nodeSelector: {}, requiredNodeAffinity: [], tolerations: [], cpuMilli: 0, memoryMiB: 0, maxWorkersPerNode: 0, maxWorkersPerGpu: 0,
  };
}

/**
 * The target workload a pool's fragmentation-aware placement plans for (FGD's "typical pods"), observed
 * in the pool itself: one request per allocation its node ledgers hold, grouped into classes by what they
 * book. The mix of what runs is the best estimate of what will arrive; an empty pool has no classes, and
 * the strategy then places on the tightest fit. Classes covering 95 % of the allocations are kept, as the
 * FGD simulator does.
 */
export function observedWorkload(ledgers: readonly NodeLedger[]): WorkloadDistribution {
  const requests = ledgers.flatMap((ledger) => ledger.allocations.map((allocation) => requestOf(allocation, ledger.pool)));
  return workloadDistribution(requests, { coverage: 0.95 });
}

/**
 * A key that changes only when a distribution changes materially: its classes and their popularity to the
 * nearest 5 %. A strategy planned for one distribution is kept until the key moves, so its per-node caches
 * are not thrown away on every booking.
 */
export function distributionKey(distribution: WorkloadDistribution): string {
  return distribution.classes
    .map((workloadClass) => `${requestKeyOf(workloadClass.request)}@${Math.round(workloadClass.popularity * 20)}`)
    .sort()
    .join(';');
}

const requestKeyOf = (request: AllocationRequest): string =>
  `${request.gpuCount}x${request.perGpu.tflopsMilli}/${request.perGpu.vramBytes}${request.dedicatedGpu ? 'd' : ''}`;
