// The recommenders bench:autoscale runs side by side, each with its own defaults (the zod schemas).
import { defaultConfigSchema, tensorfusionConfigSchema, vpaConfigSchema } from '../../../shared/core/autoscaling/recommender-config.ts';
import type { Recommender } from '../../../shared/core/autoscaling/recommender.ts';
import { defaultRecommender } from '../../../shared/core/autoscaling/recommenders/default.ts';
import { tensorfusion } from '../../../shared/core/autoscaling/recommenders/tensorfusion.ts';
import { vpa } from '../../../shared/core/autoscaling/recommenders/vpa.ts';

/** One row of the bench: a label, the recommender, and whether it is a goal row or shown for context. */
export interface Contender {
  readonly label: string;
  readonly recommender: Recommender<unknown>;
  readonly note: string;
}

/** `default-conservative`'s settings (picked by test/bench/autoscale/tune.ts on the tuning half). */
const CONSERVATIVE = { computeBurstWindow: 6 * 3_600_000, computeBurstMargin: 0.1, computeQuietAfter: 20 * 60_000, computeQuietShare: 0.65 };

const erase = <S>(r: Recommender<S>): Recommender<unknown> => r as unknown as Recommender<unknown>;

/**
 * `default`, `tensorfusion` and `vpa` with their defaults. `tensorfusion` is TensorFusion's estimator with
 * its limit as computed: HEAD's extra rule that the compute limit never drops below the original one
 * would pin it at the initial 100 % here (0 % over, slack = 100 − use), so that variant is shown apart as
 * `tensorfusion-head`. `default-conservative` is ours with a 6 h compute window plus 10 % that keeps 65 %
 * of it after 20 idle minutes: the other end of the compute trade-off (see the closing notes printed by the bench).
 */
export function contenders(): Contender[] {
  return [
    { label: 'default', recommender: erase(defaultRecommender(defaultConfigSchema.parse({}))), note: 'ours, defaults' },
    { label: 'tensorfusion', recommender: erase(tensorfusion(tensorfusionConfigSchema.parse({ computeLimitNeverBelowOriginal: false }))), note: 'TensorFusion HEAD estimator' },
    { label: 'vpa', recommender: erase(vpa(vpaConfigSchema.parse({}))), note: 'Kubernetes VPA defaults' },
    { label: 'tensorfusion-head', recommender: erase(tensorfusion(tensorfusionConfigSchema.parse({}))), note: 'context: HEAD never lowers the compute limit' },
    {
      label: 'default-conservative',
      recommender: erase(defaultRecommender(defaultConfigSchema.parse(CONSERVATIVE))),
      note: 'context: ours, compute window 6 h + 10 %, 65 % of it once quiet for 20 min',
    },
  ];
}
