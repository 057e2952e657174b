import type { Qos } from '../../schemas/annotations.ts';

/**
 * What one workload used on its GPU over one metrics interval (the peaks a `gpu.metrics` event carries):
 * compute in percent of the GPU (0..100) and VRAM in bytes, at `atMs` (epoch ms).
 */
export interface UsageSample {
  readonly atMs: number;
  readonly computePercent: number;
  readonly vramBytes: number;
}

/** A compute share (percent of one GPU) and a VRAM amount (bytes): a request or a limit, per GPU. */
export interface ComputeVram {
  readonly computePercent: number;
  readonly vramBytes: number;
}

/** Requests and limits, per GPU. */
export interface RequestsLimits {
  readonly requests: ComputeVram;
  readonly limits: ComputeVram;
}

/**
 * What a recommender knows about a workload before any sample: its spec's (original) requests and limits,
 * which the ratio bounds refer to (reference §5.5 step 4), its QoS, the GPU it runs on, and when it was created.
 */
export interface WorkloadBaseline {
  readonly original: RequestsLimits;
  readonly qos: Qos;
  /** The GPU's capacity: VRAM in bytes and FP16 TFLOPS (to turn TFLOPS floors into percent). */
  readonly gpu: { readonly vramBytes: number; readonly tflops: number };
  readonly createdMs: number;
}

/** New requests and limits to apply now, and why (for the decision log and "explain"). */
export interface Recommendation extends RequestsLimits {
  readonly reason: string;
}
