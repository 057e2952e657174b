import type { AllocationRequest } from '../allocation-request.ts';
import { freeShareMilli, requiredOn, shareMilliOf } from '../gpu-math.ts';
import type { GpuDevice, GpuNode } from '../gpu-snapshot.ts';
import type { Choice, PlacementStrategy } from '../placement-strategy.ts';
import { topGpus } from '../rank-gpus.ts';

/** The FGD simulator's normalisers: a 128-core, 8-GPU node (`MaxSpecCpu`, `MaxSpecGpu`). */
const MAX_CPU_MILLI = 128_000;
const MAX_GPU_MILLI = 8_000;

/** What is left on the node after the placement, weighted as the simulator does; lower is a tighter fit. */
function leftover(node: GpuNode, gpus: readonly number[], request: AllocationRequest): number {
  let gpuLeft = 0;
  for (const gpu of node.gpus) gpuLeft += freeShareMilli(gpu);
  for (const position of gpus) {
    const gpu = node.gpus[position] as GpuDevice;
    gpuLeft -= shareMilliOf(requiredOn(gpu, request), gpu);
  }
  const cpuLeft = node.cpuFreeMilli === undefined ? 0 : node.cpuFreeMilli - request.cpuMilli;
  return (0.5 * cpuLeft) / MAX_CPU_MILLI + (0.5 * gpuLeft) / MAX_GPU_MILLI;
}

/**
 * BestFit as the FGD paper's simulator defines it (`best_fit_score.go`): the node with the least CPU
 * and GPU left after placement, and on it the GPUs with the least free share that still fit (whole-GPU
 * requests fit only idle GPUs). Exact scores; the first node in snapshot order wins a tie.
 */
export const bestFit: PlacementStrategy = {
  name: 'best-fit',
  choose(candidates, { request }): Choice {
    let best: Choice = { node: 0, gpus: [] };
    let bestScore = Infinity;
    for (let index = 0; index < candidates.nodes.length; index++) {
      const node = candidates.nodes[index] as GpuNode;
      const gpus = topGpus(node, candidates.masks[index] as number, { count: request.gpuCount, score: (gpu) => -freeShareMilli(gpu) });
      const score = leftover(node, gpus, request);
      if (score < bestScore) {
        best = { node: index, gpus };
        bestScore = score;
      }
    }
    return best;
  },
};
