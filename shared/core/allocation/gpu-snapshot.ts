import type { NodeTaint } from '../../schemas/node-scheduling.ts';

/**
 * Compute and memory of one GPU: dense FP16 TFLOPS × 1000 and bytes, integers so sums stay exact
 * (the units of `WorkloadSpec`).
 */
export interface GpuAmounts {
  readonly tflopsMilli: number;
  readonly vramBytes: number;
}

/**
 * One GPU as the allocator sees it: what it offers and what is booked on it. A node ledger
 * (ARCHITECTURE §4) holds these; TensorFusion keeps the same numbers in `GPU.status`
 * (capacity, available, runningApps; reference §4.1).
 */
export interface GpuDevice {
  readonly uuid: string;
  /** Device index on its node (`nvidia-smi` order). */
  readonly index: number;
  /** Model id, ideally the catalogue's (`A100_SXM_80G`); compared case-insensitively. */
  readonly model: string;
  readonly vendor: string;
  readonly capacity: GpuAmounts;
  /** The sum of the requests booked on the GPU (requests, not limits: reference §4.2 oversubscription). */
  readonly used: GpuAmounts;
  /** How many workers hold a share of this GPU. */
  readonly allocations: number;
  /** A dedicated-GPU worker holds the whole device: nothing else may share it. */
  readonly wholeGpuTaken: boolean;
}

/** A node with GPUs, in one pool. */
export interface GpuNode {
  readonly name: string;
  readonly pool: string;
  /**
   * The Node's labels; `undefined` while they are not known (a ledger before its node's first
   * `node.upserted`): then only a pod without node selector or required node affinity may go there.
   */
  readonly labels: Readonly<Record<string, string>> | undefined;
  /** The Node's taints (`spec.taints`); absent means none known. */
  readonly taints?: readonly NodeTaint[];
  /**
   * Free CPU in milli-cores and free memory in MiB, when the caller tracks them (the trace bench
   * does; in a cluster kube-scheduler checks them after the allocator pins the pod). `undefined`
   * means not tracked: the node-resources filter then lets every request pass.
   */
  readonly cpuFreeMilli?: number;
  readonly memoryFreeMiB?: number;
  /** Worker pods with GPUs on this node (TensorFusion's `nodeWorkerStore`, limited by `maxWorkerPerNode`). */
  readonly workers: number;
  /** At most {@link MAX_GPUS_PER_NODE} GPUs. */
  readonly gpus: readonly GpuDevice[];
}

/** What the allocator decides on: every GPU node it may place on, read once per batch (ARCHITECTURE §7). */
export interface GpuSnapshot {
  readonly nodes: readonly GpuNode[];
}

/**
 * The most GPUs one node may hold: the filters track a node's candidate GPUs as the bits of one
 * 32-bit mask. Real nodes hold 8 (HGX) or fewer; a larger one is rejected as bad input.
 */
export const MAX_GPUS_PER_NODE = 32;
