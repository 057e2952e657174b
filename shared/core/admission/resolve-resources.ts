import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import { formatBytes, formatMilli } from '../quantity/format-quantity.ts';
import { conflictingOptions, invalidInput } from '../model/issue.ts';
import type { ResourceAmounts } from '../model/workload-spec.ts';
import { firstOf, profileField, type ResolutionContext, type Sourced } from './resolution-context.ts';

type Side = 'request' | 'limit';

/** Resolved per-GPU requests and limits, whether both sides were stated, and where each limit came from. */
export interface ResolvedResources {
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
  readonly bothSidesStated: boolean;
  readonly limitFields: { readonly compute: string | undefined; readonly vram: string | undefined };
}
type Compute = { readonly unit: 'tflops' | 'percent'; readonly milli: number };

const KEYS = {
  request: { tflops: K.tflopsRequest, percent: K.computePercentRequest, vram: K.vramRequest, profile: 'requests' },
  limit: { tflops: K.tflopsLimit, percent: K.computePercentLimit, vram: K.vramLimit, profile: 'limits' },
} as const;

function annotationCompute(context: ResolutionContext, side: Side): Sourced<Compute | undefined> | undefined {
  const keys = KEYS[side];
  const tflops = context.parsed[keys.tflops];
  const percent = context.parsed[keys.percent];
  if (tflops !== undefined && percent !== undefined) {
    context.issues.push(conflictingOptions(keys.tflops, `not be set together with ${keys.percent} (state the compute ${side} once)`, context.raw[keys.tflops]));
  }
  if (tflops !== undefined) return { value: { unit: 'tflops', milli: tflops }, origin: 'annotation', field: keys.tflops };
  if (percent !== undefined) return { value: { unit: 'percent', milli: percent }, origin: 'annotation', field: keys.percent };
  return undefined;
}

function profileCompute(context: ResolutionContext, side: Side): Sourced<Compute | undefined> | undefined {
  const path = KEYS[side].profile;
  const amounts = context.profile?.spec.resources?.[path];
  if (amounts === undefined) return undefined;
  if (amounts.tflops !== undefined && amounts.compute !== undefined) {
    context.issues.push(conflictingOptions(profileField(context, `resources.${path}.tflops`), `not be set together with resources.${path}.compute`, formatMilli(amounts.tflops)));
  }
  if (amounts.tflops !== undefined) return { value: { unit: 'tflops', milli: amounts.tflops }, origin: 'profile', field: profileField(context, `resources.${path}.tflops`) };
  if (amounts.compute !== undefined) return { value: { unit: 'percent', milli: amounts.compute }, origin: 'profile', field: profileField(context, `resources.${path}.compute`) };
  return undefined;
}

function vramOf(context: ResolutionContext, side: Side): Sourced<number> | undefined {
  const keys = KEYS[side];
  return firstOf<number>(
    { value: context.parsed[keys.vram], origin: 'annotation', field: keys.vram },
    { value: context.profile?.spec.resources?.[keys.profile]?.vram, origin: 'profile', field: profileField(context, `resources.${keys.profile}.vram`) },
  );
}

/** Fill a missing side from the other one (request ← limit as TensorFusion does; limit ← request, where TensorFusion leaves it unlimited). */
function pair<T>(request: Sourced<T> | undefined, limit: Sourced<T> | undefined): [Sourced<T> | undefined, Sourced<T> | undefined] {
  return [request ?? (limit && { ...limit, origin: 'limit' }), limit ?? (request && { ...request, origin: 'request' })];
}

function checkOrder(context: ResolutionContext, [request, limit]: readonly [Sourced<number>, Sourced<number>], show: (v: number) => string): void {
  if (request.value > limit.value) {
    context.issues.push(invalidInput(request.field, `be at most ${limit.field} (${show(limit.value)})`, show(request.value)));
  }
}

/**
 * Requests and limits per GPU, by the precedence of reference §2.2: annotation over profile, a
 * missing request copied from the limit and a missing limit copied from the request. Strict where
 * TensorFusion is loose (§2.3): TFLOPS and percent on one side, mixed units across sides, and a
 * request above its limit are issues.
 */
export function resolveResources(context: ResolutionContext): ResolvedResources {
  const [computeRequest, computeLimit] = pair(
    firstOf(annotationCompute(context, 'request'), profileCompute(context, 'request')),
    firstOf(annotationCompute(context, 'limit'), profileCompute(context, 'limit')),
  );
  const [vramRequest, vramLimit] = pair(vramOf(context, 'request'), vramOf(context, 'limit'));
  if (computeRequest && computeLimit) {
    if (computeRequest.value.unit !== computeLimit.value.unit) {
      context.issues.push(conflictingOptions(computeRequest.field, `use the same unit as ${computeLimit.field} (TFLOPS or percent, not both)`, formatMilli(computeRequest.value.milli)));
    } else {
      checkOrder(context, [{ ...computeRequest, value: computeRequest.value.milli }, { ...computeLimit, value: computeLimit.value.milli }], formatMilli);
    }
  }
  if (vramRequest && vramLimit) checkOrder(context, [vramRequest, vramLimit], formatBytes);
  record(context, { computeRequest, computeLimit, vramRequest, vramLimit });
  return {
    requests: amounts(computeRequest?.value, vramRequest?.value),
    limits: amounts(computeLimit?.value, vramLimit?.value),
    bothSidesStated: isStated(computeRequest) && isStated(computeLimit) && isStated(vramRequest) && isStated(vramLimit),
    limitFields: { compute: computeLimit?.field, vram: vramLimit?.field },
  };
}

const isStated = (value: Sourced<unknown> | undefined): boolean =>
  value !== undefined && (value.origin === 'annotation' || value.origin === 'profile');

function amounts(compute: Compute | undefined, vram: number | undefined): ResourceAmounts {
  return {
    tflopsMilli: compute?.unit === 'tflops' ? compute.milli : 0,
    computePercentMilli: compute?.unit === 'percent' ? compute.milli : 0,
    vramBytes: vram ?? 0,
  };
}

function record(context: ResolutionContext, found: Readonly<Record<string, Sourced<unknown> | undefined>>): void {
  for (const [name, value] of Object.entries(found)) {
    if (value !== undefined) context.origins[name] = value.origin;
  }
}
