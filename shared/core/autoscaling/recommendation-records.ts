import { RECOMMENDED_RESOURCES_KEY } from '../../schemas/annotation-keys.ts';
import type { Pod } from '../../schemas/pod.ts';
import { templateLabel } from '../admission/grey-release.ts';
import { controllerOf, referenceTo, type ObjectReference, type OwnerAnnotationUpdate, type OwnerObject } from '../admission/owner.ts';
import { decodeRecommendation, encodeRecommendation, sameRecommendation, type RecommendedResources } from '../admission/recorded-recommendation.ts';

/** A pod the recommendation was applied to, and when it was created. */
export interface AppliedPod {
  readonly pod: Pod;
  readonly createdMs: number;
}

/** The record to keep on one controller owner. */
export interface OwnerRecommendation {
  readonly reference: ObjectReference;
  readonly recorded: RecommendedResources;
}

/**
 * The records to keep on the controller owners of `pods` (usually one; two during a rollout), each with
 * `annotations` (the target resources' annotations the pods were brought to) and the template of the
 * owner's newest pod: during a rollout that is the new template, the one the owner's next pods are made
 * from. Pods without a controller owner have nowhere to keep it; nothing is recorded when `annotations` is
 * empty. The pods are one workload's, in `applied.namespace`.
 */
export function recommendationRecords(pods: readonly AppliedPod[], applied: { readonly namespace: string; readonly annotations: Readonly<Record<string, string>>; readonly appliedAt: string }): OwnerRecommendation[] {
  if (Object.keys(applied.annotations).length === 0) return [];
  const newest = new Map<string, { reference: ObjectReference; pod: AppliedPod }>();
  for (const candidate of pods) {
    const controller = controllerOf(candidate.pod);
    if (controller === undefined) continue;
    const reference = referenceTo(controller, applied.namespace);
    const key = `${reference.kind}/${reference.name}`;
    const seen = newest.get(key);
    if (seen === undefined || candidate.createdMs > seen.pod.createdMs) newest.set(key, { reference, pod: candidate });
  }
  return [...newest.values()].map(({ reference, pod }) => {
    const template = templateLabel(pod.pod.metadata.labels)?.value;
    return { reference, recorded: { annotations: { ...applied.annotations }, ...(template === undefined ? {} : { template }), appliedAt: applied.appliedAt } };
  });
}

/**
 * The write that records `recorded` on `owner`, conditional on the resourceVersion read; `undefined` when
 * the owner already states the same values for the same template (when it was written aside), so an
 * unchanged recommendation is never written again. An unreadable record is replaced.
 */
export function recordRecommendation(owner: OwnerObject, recorded: RecommendedResources): OwnerAnnotationUpdate | undefined {
  const current = owner.annotations[RECOMMENDED_RESOURCES_KEY];
  const decoded = current === undefined ? undefined : decodeRecommendation(current, owner.reference.name);
  if (decoded?.ok === true && sameRecommendation(decoded.value, recorded)) return undefined;
  return { reference: owner.reference, resourceVersion: owner.resourceVersion, annotations: { [RECOMMENDED_RESOURCES_KEY]: encodeRecommendation(recorded) } };
}
