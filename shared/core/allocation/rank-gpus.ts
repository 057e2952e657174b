import type { GpuDevice, GpuNode } from './gpu-snapshot.ts';
import { maskPositions } from './gpu-mask.ts';

/** How a strategy orders a node's candidate GPUs: higher first, ties to the lower position. */
export type GpuScore = (gpu: GpuDevice) => number;

/** The `count` candidate positions of `node` (bits of `mask`) with the highest score. */
export function topGpus(node: GpuNode, mask: number, pick: { readonly count: number; readonly score: GpuScore }): number[] {
  const positions = maskPositions(mask);
  if (positions.length <= pick.count) return positions;
  const scores = positions.map((position) => pick.score(node.gpus[position] as GpuDevice));
  const order = positions.map((_, slot) => slot);
  order.sort((left, right) => (scores[right] as number) - (scores[left] as number) || left - right);
  return order.slice(0, pick.count).map((slot) => positions[slot] as number);
}
