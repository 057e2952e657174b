import type { PlacementStrategy } from '../placement-strategy.ts';
import { chooseByScores, freeScore } from '../tf-scores.ts';

/** TensorFusion's LowLoadFirst: the least used node, and on it the least used GPUs (reference §4.3). */
export const lowLoadFirst: PlacementStrategy = {
  name: 'low-load-first',
  choose: (candidates, context) => chooseByScores(candidates, context, { node: freeScore, gpu: freeScore }),
};
