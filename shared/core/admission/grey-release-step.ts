import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import type { Pod } from '../../schemas/pod.ts';
import { invalidInput, notFound, type Issue } from '../model/issue.ts';
import type { AdmissionRequest } from './admission-review.ts';
import { counterKeyFor, decideSlot, POD_COUNTER_KEY } from './grey-release.ts';
import { controllerOf, type OwnerAnnotationUpdate, type OwnerObject } from './owner.ts';

/** The grey-release outcome for one admission: mutate (maybe claiming a slot), pass unchanged, or deny. */
export type SlotOutcome =
  | { readonly kind: 'mutate'; readonly annotations: Readonly<Record<string, string>>; readonly ownerUpdate?: OwnerAnnotationUpdate }
  | { readonly kind: 'full'; readonly note: string }
  | { readonly kind: 'deny'; readonly issue: Issue };

/** What the grey-release step reads. */
export interface SlotContext {
  readonly request: AdmissionRequest;
  readonly pod: Pod;
  readonly owner: OwnerObject | undefined;
}

/**
 * `enabled-replicas` (reference §2.8): without it every pod is mutated. With it the pod needs a
 * controller owner (TensorFusion answers 500 without one; here it is a denial naming the key), and
 * mutation only while it holds or can claim one of the owner's slots; beyond them it passes unchanged
 * with a note. A dry run decides the same way but never writes the claim (`sideEffects: NoneOnDryRun`).
 */
export function greyRelease(context: SlotContext, limit: number | undefined): SlotOutcome {
  if (limit === undefined) return { kind: 'mutate', annotations: {} };
  const { pod, owner, request } = context;
  const controller = controllerOf(pod);
  if (controller === undefined) {
    return { kind: 'deny', issue: invalidInput(K.enabledReplicas, 'be set only on pods with a controller owner (a ReplicaSet, StatefulSet or Job keeps the count)', String(limit)) };
  }
  if (owner === undefined || owner.reference.kind !== controller.kind || owner.reference.name !== controller.name) {
    return { kind: 'deny', issue: notFound(K.enabledReplicas, `count pods on the pod's owner ${controller.kind} ${controller.name}, which was not found`, String(limit)) };
  }
  const key = counterKeyFor(pod.metadata.labels);
  const verdict = decideSlot(owner.annotations, { key, limit, mark: pod.metadata.annotations?.[POD_COUNTER_KEY], requestUid: request.uid });
  if (verdict.kind === 'full') {
    return { kind: 'full', note: `${K.enabledReplicas}: ${verdict.holders} of ${limit} pods of ${controller.kind} ${controller.name} already hold a GPU share; this pod is admitted unchanged` };
  }
  const annotations = { [POD_COUNTER_KEY]: verdict.mark };
  if (verdict.kind === 'holds' || request.dryRun === true) return { kind: 'mutate', annotations };
  const ownerUpdate: OwnerAnnotationUpdate = { reference: owner.reference, resourceVersion: owner.resourceVersion, annotations: { [key]: verdict.value } };
  return { kind: 'mutate', annotations, ownerUpdate };
}
