/**
 * One reading of a node's GPUs at one instant, as a node-agent source takes it (nvidia-smi, DCGM exporter,
 * or a replayed trace). Samples are what the agent aggregates per interval before publishing
 * (ARCHITECTURE §7): the recommender then writes once per workload per interval, never per sample.
 */

/** One GPU at one instant: device utilisation in percent (0..100) and VRAM in use, in bytes. */
export interface GpuSample {
  readonly uuid: string;
  readonly computePercent: number;
  readonly vramBytes: number;
}

/**
 * What one workload container used on one GPU at one instant. `computePercent` is the workload's share of
 * the device (0..100); sources that only see device-level utilisation attribute it with `splitByWeight`.
 */
export interface WorkloadSample {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
  readonly gpuUuid: string;
  readonly computePercent: number;
  readonly vramBytes: number;
}

/** Every GPU and workload reading of one node at `atMs` (milliseconds since the epoch). */
export interface NodeSample {
  readonly atMs: number;
  readonly gpus: readonly GpuSample[];
  readonly workloads: readonly WorkloadSample[];
}
