import { ANNOTATION_KEYS as K, RESOURCE_KEYS } from '../../schemas/annotation-keys.ts';
import type { AutoscaleTarget } from '../../schemas/annotations.ts';
import type { SCALED_FIELDS } from '../../schemas/events/decisions.ts';
import { parseAnnotations } from '../admission/parse-annotations.ts';
import type { ResourceAmounts } from '../model/workload-spec.ts';
import { formatBytes, formatMilli } from '../quantity/format-quantity.ts';

/** Per-GPU requests and limits in the core model's units. */
export interface AmountPair {
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
}

/** One changed resource field, as `scaling.applied` carries it (replicas are the owner's, not a pod's). */
interface ScalingChange {
  readonly field: Exclude<(typeof SCALED_FIELDS)[number], 'replicas'>;
  readonly from: number;
  readonly to: number;
}

const pickCompute = (from: ResourceAmounts, to: ResourceAmounts): ResourceAmounts => ({ ...from, tflopsMilli: to.tflopsMilli, computePercentMilli: to.computePercentMilli });

/**
 * `desired` on the resources `target` names, `current` on the others (reference §5.7 step 2: `compute`
 * moves the compute keys, `vram` the VRAM keys, `all` both).
 */
export function targetedPair(current: AmountPair, desired: AmountPair, target: AutoscaleTarget): AmountPair {
  const compute = target !== 'vram';
  const vram = target !== 'compute';
  const pick = (from: ResourceAmounts, to: ResourceAmounts): ResourceAmounts => {
    const computed = compute ? pickCompute(from, to) : from;
    return vram ? { ...computed, vramBytes: to.vramBytes } : computed;
  };
  return { requests: pick(current.requests, desired.requests), limits: pick(current.limits, desired.limits) };
}

/**
 * The annotations that state `pair`, with the keys admission writes (`normalisedAnnotations`): compute
 * in TFLOPS or in percent, whichever the pair uses, and VRAM, both sides of each; a resource the pair
 * leaves at zero on both sides is not written (the pod never stated it).
 */
export function resourceAnnotations(pair: AmountPair): Record<string, string> {
  const { requests, limits } = pair;
  const tflops = requests.tflopsMilli > 0 || limits.tflopsMilli > 0;
  const percent = requests.computePercentMilli > 0 || limits.computePercentMilli > 0;
  const compute = tflops
    ? { [K.tflopsRequest]: formatMilli(requests.tflopsMilli), [K.tflopsLimit]: formatMilli(limits.tflopsMilli) }
    : percent ? { [K.computePercentRequest]: formatMilli(requests.computePercentMilli), [K.computePercentLimit]: formatMilli(limits.computePercentMilli) } : {};
  const vram = requests.vramBytes > 0 || limits.vramBytes > 0 ? { [K.vramRequest]: formatBytes(requests.vramBytes), [K.vramLimit]: formatBytes(limits.vramBytes) } : {};
  return { ...compute, ...vram };
}

/** The fields that differ between `from` and `to`, in `SCALED_FIELDS` order. */
export function scalingChanges(from: AmountPair, to: AmountPair): ScalingChange[] {
  const rows: [ScalingChange['field'], number, number][] = [
    ['tflopsRequestMilli', from.requests.tflopsMilli, to.requests.tflopsMilli],
    ['tflopsLimitMilli', from.limits.tflopsMilli, to.limits.tflopsMilli],
    ['computePercentRequestMilli', from.requests.computePercentMilli, to.requests.computePercentMilli],
    ['computePercentLimitMilli', from.limits.computePercentMilli, to.limits.computePercentMilli],
    ['vramRequestBytes', from.requests.vramBytes, to.requests.vramBytes],
    ['vramLimitBytes', from.limits.vramBytes, to.limits.vramBytes],
  ];
  return rows.filter(([, before, after]) => before !== after).map(([field, before, after]) => ({ field, from: before, to: after }));
}

/**
 * The requests and limits a pod's resource annotations state now (the inverse of {@link resourceAnnotations});
 * a key missing or unreadable counts as 0. Only those keys are parsed, so reading a live pod stays cheap.
 */
export function resourcePairOf(annotations: Readonly<Record<string, string>>): AmountPair {
  const resourceOnly = Object.fromEntries(RESOURCE_KEYS.filter((key) => annotations[key] !== undefined).map((key) => [key, annotations[key] as string]));
  const { parsed } = parseAnnotations(resourceOnly, []);
  return {
    requests: { tflopsMilli: parsed[K.tflopsRequest] ?? 0, computePercentMilli: parsed[K.computePercentRequest] ?? 0, vramBytes: parsed[K.vramRequest] ?? 0 },
    limits: { tflopsMilli: parsed[K.tflopsLimit] ?? 0, computePercentMilli: parsed[K.computePercentLimit] ?? 0, vramBytes: parsed[K.vramLimit] ?? 0 },
  };
}
