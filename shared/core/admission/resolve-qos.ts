import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import type { Qos } from '../../schemas/annotations.ts';
import type { Origin, ResourceAmounts } from '../model/workload-spec.ts';
import type { ResolutionContext } from './resolution-context.ts';

/** What QoS derivation needs to know about the resolved amounts. */
export interface StatedAmounts {
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
  /** Both requests and limits were stated (not copied one from the other), or set by dedicated-gpu. */
  readonly bothSidesStated: boolean;
}

const equalAndSet = ({ requests, limits }: StatedAmounts): boolean =>
  requests.tflopsMilli === limits.tflopsMilli && requests.computePercentMilli === limits.computePercentMilli &&
  requests.vramBytes === limits.vramBytes && (requests.tflopsMilli > 0 || requests.computePercentMilli > 0) && requests.vramBytes > 0;

/**
 * QoS (reference §2.5): the annotation, then the profile, then derived. `high` is derived when
 * requests equal limits for compute and VRAM, both non-zero (Kubernetes "Guaranteed"); then the
 * pool's `defaultQoS`; then `medium`. `critical` is never derived. Unlike TensorFusion, which copies a
 * missing request from the limit before deriving (so a limit-only pod becomes `high`), we derive `high`
 * only when both sides were stated.
 */
export function resolveQos(context: ResolutionContext, amounts: StatedAmounts): Qos {
  const pick = ((): [Qos, Origin] => {
    const annotated = context.parsed[K.qos];
    if (annotated !== undefined) return [annotated, 'annotation'];
    const profiled = context.profile?.spec.qos;
    if (profiled !== undefined) return [profiled, 'profile'];
    if (amounts.bothSidesStated && equalAndSet(amounts)) return ['high', 'derived'];
    const pooled = context.pool?.spec.qosConfig?.defaultQoS;
    if (pooled !== undefined) return [pooled, 'pool'];
    return ['medium', 'default'];
  })();
  context.origins.qos = pick[1];
  return pick[0];
}
