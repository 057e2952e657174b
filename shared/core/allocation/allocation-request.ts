import type { NodeSelectorTerm, Toleration } from '../../schemas/node-scheduling.ts';

/**
 * What one worker needs on each of its GPUs. A share is stated either as an amount or as a percent of
 * the device (0 = not stated); percents are in thousandths of a percent (`computePercentMilli`
 * 50_000 = 50 %), as in `WorkloadSpec`. A percent turns into an amount per GPU model when the
 * filters look at a GPU, so the same request asks for more TFLOPS on a bigger device.
 */
export interface GpuDemand {
  readonly tflopsMilli: number;
  readonly computePercentMilli: number;
  readonly vramBytes: number;
  /** VRAM as a percent of the device; the trace's `gpu_milli` share is one percent for both. */
  readonly vramPercentMilli: number;
}

/**
 * One allocation request: TensorFusion's AllocRequest (reference §4.2) in this project's units.
 * Built from a `WorkloadSpec` by `requestFromSpec`, or directly by a trace replay.
 */
export interface AllocationRequest {
  /** Per-GPU request. */
  readonly perGpu: GpuDemand;
  /** GPUs on one node; 0 for a CPU-only pod of a trace, which only takes CPU and memory. */
  readonly gpuCount: number;
  /** Allowed GPU models, already in the form `normalizeGpuName` gives; empty means any. */
  readonly gpuModels: readonly string[];
  /** Required vendor (case-insensitive), or any. */
  readonly vendor: string | undefined;
  /** Take whole idle GPUs and let nothing else share them. */
  readonly dedicatedGpu: boolean;
  /** Pool name, or any pool. */
  readonly pool: string | undefined;
  /** Node labels that must match exactly: the pod's `spec.nodeSelector`. */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** The pod's required node affinity terms (OR'ed); empty means none. kube-scheduler refuses a node that matches none. */
  readonly requiredNodeAffinity: readonly NodeSelectorTerm[];
  /** The pod's tolerations: a node's `NoSchedule` / `NoExecute` taint must be tolerated by one of them. */
  readonly tolerations: readonly Toleration[];
  /** CPU in milli-cores and memory in MiB the pod takes on its node; 0 when not tracked. */
  readonly cpuMilli: number;
  readonly memoryMiB: number;
  /** Workers a node may hold, TensorFusion's `maxWorkerPerNode` (256); 0 = no limit. */
  readonly maxWorkersPerNode: number;
  /** Workers one GPU may be shared by; 0 = no limit (TensorFusion has none). */
  readonly maxWorkersPerGpu: number;
}
