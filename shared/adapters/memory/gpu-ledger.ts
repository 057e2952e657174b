// The GpuLedger port in memory: GPUs with capacity and per-pod reservations, for unit tests of the
// autoscaler until the node ledger (issue 6) provides the real adapter.
import type { ResourceAmounts } from '../../core/model/workload-spec.ts';
import type { AllocationResize, GpuLedger, ResizeOutcome } from '../../ports/gpu-ledger.ts';

/** One GPU of the in-memory ledger. */
export interface MemoryGpu {
  readonly uuid: string;
  readonly pool: string;
  readonly capacity: ResourceAmounts;
}

/** The port plus what a test arranges and inspects. */
export interface MemoryGpuLedger extends GpuLedger {
  /** Reserve `requests` for `podUid` on `gpuUuid`. */
  reserve(podUid: string, gpuUuid: string, requests: ResourceAmounts): void;
  /** The pod's reservation now. */
  reservation(podUid: string): ResourceAmounts | undefined;
}

const FIELDS = ['tflopsMilli', 'computePercentMilli', 'vramBytes'] as const;

/** An in-memory {@link GpuLedger}: each field is bounded by the GPU's capacity minus the other pods' reservations. */
export function createMemoryGpuLedger(gpus: readonly MemoryGpu[]): MemoryGpuLedger {
  const reservations = new Map<string, { gpuUuid: string; requests: ResourceAmounts }>();
  const free = (gpu: MemoryGpu, exceptPod: string | undefined): ResourceAmounts => {
    const left = { ...gpu.capacity };
    for (const [podUid, held] of reservations) {
      if (held.gpuUuid !== gpu.uuid || podUid === exceptPod) continue;
      for (const field of FIELDS) left[field] -= held.requests[field];
    }
    return left;
  };
  return {
    reserve: (podUid, gpuUuid, requests) => reservations.set(podUid, { gpuUuid, requests }),
    reservation: (podUid) => reservations.get(podUid)?.requests,
    resize: async (change: AllocationResize): Promise<ResizeOutcome> => {
      const held = reservations.get(change.podUid);
      const gpu = gpus.find((candidate) => candidate.uuid === held?.gpuUuid);
      if (held === undefined || gpu === undefined) return { requests: change.requests, capped: false, tracked: false };
      const room = free(gpu, change.podUid);
      const granted = { ...change.requests };
      for (const field of FIELDS) if (granted[field] > held.requests[field]) granted[field] = Math.max(held.requests[field], Math.min(granted[field], room[field]));
      reservations.set(change.podUid, { gpuUuid: gpu.uuid, requests: granted });
      return { requests: granted, capped: FIELDS.some((field) => granted[field] !== change.requests[field]), tracked: true };
    },
    spareReplicas: async ({ pool, requests, gpuCount }) => {
      let fits = 0;
      for (const gpu of gpus.filter((candidate) => candidate.pool === pool)) {
        const room = free(gpu, undefined);
        fits += Math.min(...FIELDS.filter((field) => requests[field] > 0).map((field) => Math.floor(room[field] / requests[field])));
      }
      return Math.floor(fits / Math.max(gpuCount, 1));
    },
  };
}
