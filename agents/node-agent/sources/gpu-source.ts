import type { NodeSample } from '../../../shared/core/metrics/node-sample.ts';

/** One GPU as a source discovered it: the model as the device reports it, VRAM from the driver. */
export interface DiscoveredGpu {
  readonly uuid: string;
  readonly index: number;
  readonly model: string;
  readonly vramBytes: number;
}

/** A reading and what was left out of it: GPUs or processes whose values the source could not give. */
export interface SampleReading {
  readonly sample: NodeSample;
  /** GPUs or workloads left out because a value was not available (`[N/A]`, not reported). */
  readonly incomplete: number;
}

/** A live source of one node's GPUs (nvidia-smi, a DCGM exporter): discovery, and a sample on demand. */
export interface GpuSource {
  readonly name: 'nvidia-smi' | 'dcgm';
  discover(): Promise<DiscoveredGpu[]>;
  /** Read every GPU and workload now; `atMs` stamps the sample. Rejects with an `AppError` when the source fails. */
  sample(atMs: number): Promise<SampleReading>;
}
