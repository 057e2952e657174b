import type { GpuCapacity } from '../core/autoscaling/workload-baseline.ts';
import type { ResourceAmounts } from '../core/model/workload-spec.ts';

/** A pod, by cluster and uid. */
export interface HeldPod {
  readonly clusterId: string;
  readonly podUid: string;
}

/** A request to move one pod's reservation on its GPUs to `requests` (per GPU). */
export interface AllocationResize {
  readonly clusterId: string;
  /** The pod whose reservation moves, on every GPU it holds. */
  readonly podUid: string;
  readonly requests: ResourceAmounts;
}

/** What the ledger granted: `requests` (a rise capped at what is free on the GPU) and whether it was capped. */
export interface ResizeOutcome {
  readonly requests: ResourceAmounts;
  readonly capped: boolean;
  /** False when the ledger holds no reservation of the pod (nothing to bound against). */
  readonly tracked: boolean;
}

/**
 * The node ledger as the autoscaler uses it (ARCHITECTURE §4, reference §5.5 step 8): a resize is one
 * conditional write of the pod's node ledger item, a scale-up bounded by what is free on that GPU (a
 * lost race re-reads and re-decides inside the adapter); `spareReplicas` says how many more pods of a
 * size the pool can place, so replica scaling never asks for pods that would only wait gated;
 * `heldGpu` (`heldGpus`: a batch's pods together) names the GPU a pod was booked on, so its percent and
 * TFLOPS convert through the right capacity.
 * Errors are AppErrors (`VERSION_CONFLICT` after repeated races, `DEPENDENCY_UNAVAILABLE`).
 */
export interface GpuLedger {
  resize(change: AllocationResize): Promise<ResizeOutcome>;
  /** The capacity of the GPU the pod's booking sits on (its first); `undefined` when the ledger holds none of it. */
  heldGpu(pod: HeldPod): Promise<GpuCapacity | undefined>;
  /**
   * {@link GpuLedger.heldGpu} of many pods, in the order asked, read together: the index entries in one
   * batch read, then the distinct node ledgers they name in another (none for no pods).
   */
  heldGpus(pods: readonly HeldPod[]): Promise<(GpuCapacity | undefined)[]>;
  /** How many more pods asking `requests` on each of `gpuCount` GPUs fit in `pool` now. */
  spareReplicas(query: { readonly clusterId: string; readonly pool: string; readonly requests: ResourceAmounts; readonly gpuCount: number }): Promise<number>;
}
