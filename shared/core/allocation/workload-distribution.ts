import type { AllocationRequest } from './allocation-request.ts';

/** One kind of request and how often it comes: a "typical pod" of the FGD paper. */
export interface WorkloadClass {
  /** A request of the class (all its members ask for the same GPUs, CPU and memory). */
  readonly request: AllocationRequest;
  /** Its share of the requests counted, from 0 to 1; the classes of a distribution sum to 1. */
  readonly popularity: number;
}

/**
 * The "target workload" a fragmentation-aware strategy plans for: the GPU requests expected to arrive,
 * with their popularity. The caller derives it from observed or recent requests (FGD: the pod list).
 */
export interface WorkloadDistribution {
  readonly classes: readonly WorkloadClass[];
}

/** How {@link workloadDistribution} counts. */
export interface DistributionOptions {
  /**
   * Keep the most popular classes until they cover this share of the requests, and renormalise
   * (the FGD simulator's `podPopularityThreshold`, 95 % there). Default 1: every class.
   */
  readonly coverage?: number;
}

/** A key equal for requests of one class: same GPUs, shares, CPU, memory, vendor and models. */
export function requestClassKey(request: AllocationRequest): string {
  const { perGpu } = request;
  return [
    request.gpuCount, perGpu.tflopsMilli, perGpu.computePercentMilli, perGpu.vramBytes, perGpu.vramPercentMilli,
    request.dedicatedGpu, request.cpuMilli, request.memoryMiB, request.vendor ?? '', [...request.gpuModels].sort().join('|'),
  ].join('/');
}

/**
 * The distribution of GPU requests among `requests`: identical requests form a class, weighted by how
 * many there are. Requests without GPUs are left out: no GPU is usable by them, so they add the same
 * amount to every placement's fragmentation and cannot change a choice.
 */
export function workloadDistribution(requests: readonly AllocationRequest[], options: DistributionOptions = {}): WorkloadDistribution {
  const counts = new Map<string, { request: AllocationRequest; count: number }>();
  let total = 0;
  for (const request of requests) {
    if (request.gpuCount === 0) continue;
    const key = requestClassKey(request);
    const found = counts.get(key) ?? { request, count: 0 };
    found.count += 1;
    counts.set(key, found);
    total += 1;
  }
  const ranked = [...counts.entries()].sort(([leftKey, left], [rightKey, right]) => right.count - left.count || (leftKey < rightKey ? -1 : 1));
  const wanted = (options.coverage ?? 1) * total;
  const kept: { request: AllocationRequest; count: number }[] = [];
  let covered = 0;
  for (const [, entry] of ranked) {
    if (covered >= wanted && kept.length > 0) break;
    kept.push(entry);
    covered += entry.count;
  }
  return { classes: kept.map(({ request, count }) => ({ request, popularity: count / covered })) };
}
