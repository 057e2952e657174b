import type { PlacementStrategy } from '../placement-strategy.ts';
import { chooseByScores, freeScore, usedScore } from '../tf-scores.ts';

/**
 * TensorFusion's default NodeCompactGPULowLoad: the most used node, and on it the least used GPUs,
 * packing nodes while spreading load over a node's devices (reference §4.3).
 */
export const nodeCompactGpuLowLoad: PlacementStrategy = {
  name: 'node-compact-gpu-low-load',
  choose: (candidates, context) => chooseByScores(candidates, context, { node: usedScore, gpu: freeScore }),
};
