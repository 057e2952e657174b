/**
 * One GPU model the scheduler knows: how much dense FP16 compute and memory a whole device offers.
 *
 * TensorFusion keeps TFLOPS in a catalogue (`internal/config/gpu_info.go`, Helm
 * `charts/tensor-fusion/templates/gpu-public-gpu-info.yaml`) and reads VRAM from the driver; we keep
 * both here so percentage requests (`tflops-percent`, `vram-percent`) and traces without a driver
 * (the openb node list) can be turned into absolute amounts. See the reference §6.2.
 */
export interface GpuModelSpec {
  /** Short id, TensorFusion's `model` (`GPUModel_BoardSlotType`), e.g. `A100_SXM_80G`. */
  readonly model: string;
  /** Vendor name as TensorFusion writes it: `NVIDIA`, `AMD`, … */
  readonly vendor: string;
  /** Dense FP16 tensor TFLOPS × 1000, an integer, so sums and comparisons stay exact. */
  readonly fp16TflopsMilli: number;
  /** Total device memory in bytes, an integer. */
  readonly vramBytes: number;
  /**
   * Other names that mean this model: NVML device names (TensorFusion's `fullModelName`, e.g.
   * `NVIDIA A100-SXM4-80GB`), trace names (`V100M16`) and family names used in annotations (`A100`).
   */
  readonly aliases: readonly string[];
}

/**
 * An immutable copy of a spec, aliases included, so a catalogue can hand its entries out without
 * callers being able to change what later lookups see.
 */
export function freezeGpuModel(spec: GpuModelSpec): GpuModelSpec {
  return Object.freeze({ ...spec, aliases: Object.freeze([...spec.aliases]) });
}
