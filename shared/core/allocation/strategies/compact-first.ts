import type { PlacementStrategy } from '../placement-strategy.ts';
import { chooseByScores, usedScore } from '../tf-scores.ts';

/** TensorFusion's CompactFirst: the most used node, and on it the most used GPUs (reference §4.3). */
export const compactFirst: PlacementStrategy = {
  name: 'compact-first',
  choose: (candidates, context) => chooseByScores(candidates, context, { node: usedScore, gpu: usedScore }),
};
