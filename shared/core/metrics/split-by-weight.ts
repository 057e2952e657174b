/**
 * Split a device-level `total` (utilisation in percent) between the users of one GPU in proportion to
 * `weights` (their VRAM in bytes), or evenly when no weight is positive. Sources that see only device
 * utilisation (nvidia-smi's compute-apps query, a DCGM exporter without profiling metrics) use it to
 * attribute a shared GPU's load; it is an estimate, and the shares always sum to `total`.
 */
export function splitByWeight(total: number, weights: readonly number[]): number[] {
  const positive = weights.map((weight) => (weight > 0 ? weight : 0));
  const sum = positive.reduce((acc, weight) => acc + weight, 0);
  if (sum === 0) return weights.map(() => total / weights.length);
  return positive.map((weight) => (total * weight) / sum);
}
