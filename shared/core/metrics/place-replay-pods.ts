/** One GPU a replay can place pods on: its node and uuid. */
export interface ReplayGpu {
  readonly node: string;
  readonly uuid: string;
}

/**
 * Place each replayed pod on a GPU, deterministically: pods sorted by id take the GPUs round-robin in the
 * order given (node by node, by index), so every pod gets its own GPU while there are enough, and the
 * same inputs always give the same placement. Returns pod id → GPU; empty when there are no GPUs.
 */
export function placeReplayPods(podIds: readonly string[], gpus: readonly ReplayGpu[]): Map<string, ReplayGpu> {
  const placement = new Map<string, ReplayGpu>();
  if (gpus.length === 0) return placement;
  [...new Set(podIds)].sort().forEach((pod, at) => placement.set(pod, gpus[at % gpus.length] as ReplayGpu));
  return placement;
}
