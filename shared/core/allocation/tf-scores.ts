import type { AllocationContext } from './allocation-context.ts';
import type { GpuDevice, GpuNode } from './gpu-snapshot.ts';
import type { Candidates, Choice } from './placement-strategy.ts';
import type { GpuScore } from './rank-gpus.ts';
import { topGpus } from './rank-gpus.ts';

/** TensorFusion's scheduler plugin args `vramWeight: 0.7`, `tflopsWeight: 0.3` (reference §4.1). */
export const TF_SCORE_WEIGHTS = Object.freeze({ vram: 0.7, tflops: 0.3 });

function freePercent(capacity: number, used: number, taken: boolean): number {
  if (taken || capacity <= 0) return 0;
  return (Math.max(0, capacity - used) / capacity) * 100;
}

/** `normalizeScore`: round(vram × 0.7 + tflops × 0.3), clamped to [0, 100] (`gpuallocator.go`, reference §4.3). */
function normalize(vram: number, tflops: number): number {
  return Math.min(100, Math.max(0, Math.round(vram * TF_SCORE_WEIGHTS.vram + tflops * TF_SCORE_WEIGHTS.tflops)));
}

/** TensorFusion's score from free percents: emptier GPUs score higher (LowLoadFirst). */
export const freeScore: GpuScore = (gpu) =>
  normalize(
    freePercent(gpu.capacity.vramBytes, gpu.used.vramBytes, gpu.wholeGpuTaken),
    freePercent(gpu.capacity.tflopsMilli, gpu.used.tflopsMilli, gpu.wholeGpuTaken),
  );

/** TensorFusion's score from used percents: fuller GPUs score higher (CompactFirst). */
export const usedScore: GpuScore = (gpu) =>
  normalize(
    100 - freePercent(gpu.capacity.vramBytes, gpu.used.vramBytes, gpu.wholeGpuTaken),
    100 - freePercent(gpu.capacity.tflopsMilli, gpu.used.tflopsMilli, gpu.wholeGpuTaken),
  );

/** Integer mean of the node-level scores of every GPU on the node, matching or not (reference §4.3). */
function nodeScore(gpus: readonly GpuDevice[], score: GpuScore): number {
  let sum = 0;
  for (const gpu of gpus) sum += score(gpu);
  return gpus.length === 0 ? 0 : Math.trunc(sum / gpus.length);
}

/**
 * TensorFusion's pick: the node with the highest node score (first in snapshot order on a tie), then
 * its top `gpuCount` candidate GPUs by the in-node score (Reserve, reference §4.3).
 */
export function chooseByScores(candidates: Candidates, context: AllocationContext, scores: { node: GpuScore; gpu: GpuScore }): Choice {
  let best = 0;
  let bestScore = -1;
  for (let index = 0; index < candidates.nodes.length; index++) {
    const score = nodeScore((candidates.nodes[index] as GpuNode).gpus, scores.node);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  }
  const node = candidates.nodes[best] as GpuNode;
  const mask = candidates.masks[best] as number;
  return { node: best, gpus: topGpus(node, mask, { count: context.request.gpuCount, score: scores.gpu }) };
}
