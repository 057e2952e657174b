import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import type { Pod } from '../../schemas/pod.ts';
import { invalidInput, notFound, type Issue } from '../model/issue.ts';
import type { AdmissionRequest } from './admission-review.ts';
import { counterKeyFor, decideSlot, parseHolders, POD_COUNTER_KEY } from './grey-release.ts';
import { controllerOf, type OwnerAnnotationUpdate, type OwnerObject } from './owner.ts';
import { DEFAULT_SLOT_CLAIM_GRACE_SECONDS, slotHolderQuery, staleSlotTokens, type SlotHolderPod, type SlotHolderQuery } from './stale-slots.ts';

/** The grey-release outcome for one admission: mutate (maybe claiming a slot), pass unchanged, or deny. */
export type SlotOutcome =
  | { readonly kind: 'mutate'; readonly annotations: Readonly<Record<string, string>>; readonly ownerUpdate?: OwnerAnnotationUpdate }
  | { readonly kind: 'full'; readonly note: string; readonly holderQuery?: SlotHolderQuery }
  | { readonly kind: 'deny'; readonly issue: Issue };

/** What the grey-release step reads. */
export interface SlotContext {
  readonly request: AdmissionRequest;
  readonly pod: Pod;
  readonly owner: OwnerObject | undefined;
  /** The admission time in epoch seconds: written into a claim, and what claim ages are measured against. */
  readonly nowSeconds?: number;
  /** The pods that may hold the template's slots, listed after a first decision found them all taken. */
  readonly holders?: readonly SlotHolderPod[];
  /** See {@link DEFAULT_SLOT_CLAIM_GRACE_SECONDS}. */
  readonly graceSeconds?: number;
}

function staleOf(context: SlotContext, listed: readonly string[]): ReadonlySet<string> | undefined {
  if (context.holders === undefined) return undefined;
  const nowSeconds = context.nowSeconds ?? Number.NEGATIVE_INFINITY;
  return staleSlotTokens(listed, context.holders, { nowSeconds, graceSeconds: context.graceSeconds ?? DEFAULT_SLOT_CLAIM_GRACE_SECONDS });
}

/**
 * `enabled-replicas` (reference §2.8): without it every pod is mutated. With it the pod needs a
 * controller owner (TensorFusion answers 500 without one; here it is a denial naming the key), and
 * mutation only while it holds or can claim one of the owner's slots; beyond them it passes unchanged
 * with a note. When all slots look taken and no holders were listed yet, the outcome names the listing
 * (`holderQuery`) that lets the caller decide again with the slots of terminating or vanished pods freed.
 * A dry run decides the same way but never writes the claim (`sideEffects: NoneOnDryRun`).
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
  const stale = staleOf(context, parseHolders(owner.annotations[key]));
  const verdict = decideSlot(owner.annotations, {
    key, limit, mark: pod.metadata.annotations?.[POD_COUNTER_KEY], requestUid: request.uid,
    ...(context.nowSeconds === undefined ? {} : { nowSeconds: context.nowSeconds }), ...(stale === undefined ? {} : { stale }),
  });
  if (verdict.kind === 'full') {
    const note = `${K.enabledReplicas}: ${verdict.holders} of ${limit} pods of ${controller.kind} ${controller.name} already hold a GPU share; this pod is admitted unchanged`;
    return { kind: 'full', note, ...(stale === undefined ? { holderQuery: slotHolderQuery(owner.reference.namespace, pod.metadata.labels) } : {}) };
  }
  const annotations = { [POD_COUNTER_KEY]: verdict.mark };
  if (verdict.kind === 'holds' || request.dryRun === true) return { kind: 'mutate', annotations };
  const ownerUpdate: OwnerAnnotationUpdate = { reference: owner.reference, resourceVersion: owner.resourceVersion, annotations: { [key]: verdict.value } };
  return { kind: 'mutate', annotations, ownerUpdate };
}
