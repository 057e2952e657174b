import { maskPositions } from '../gpu-mask.ts';
import type { PlacementStrategy } from '../placement-strategy.ts';

/** A source of uniform numbers in [0, 1): a seeded generator, injected so decisions replay (STYLE rule 8). */
export type RandomSource = () => number;

const pickIndex = (random: RandomSource, size: number): number => Math.min(size - 1, Math.floor(random() * size));

/**
 * Random: a candidate node drawn uniformly, and on it candidate GPUs drawn uniformly (the FGD
 * simulator's Random baseline with random GPU selection).
 */
export function createRandom(random: RandomSource): PlacementStrategy {
  return {
    name: 'random',
    choose(candidates, { request }) {
      const node = pickIndex(random, candidates.nodes.length);
      const positions = maskPositions(candidates.masks[node] as number);
      const gpus: number[] = [];
      while (gpus.length < request.gpuCount) {
        const slot = pickIndex(random, positions.length);
        gpus.push(positions[slot] as number);
        positions.splice(slot, 1);
      }
      return { node, gpus };
    },
  };
}
