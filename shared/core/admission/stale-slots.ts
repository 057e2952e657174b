import { claimedAtOf, parseMark, templateLabel } from './grey-release.ts';

/**
 * One pod of the owner, as listed when every grey-release slot is taken: its `pod-counter-key`
 * annotation and whether it is terminating (`metadata.deletionTimestamp` set).
 */
export interface SlotHolderPod {
  readonly mark: string | undefined;
  readonly terminating: boolean;
}

/**
 * How long a claimed slot may wait for its pod before a listing that misses the pod frees it: longer
 * than a webhook call can take (Kubernetes caps `timeoutSeconds` at 30), so a pod still being created
 * never loses its slot to the next admission.
 */
export const DEFAULT_SLOT_CLAIM_GRACE_SECONDS = 45;

/** What {@link staleSlotTokens} compares against. */
interface StaleSlotOptions {
  readonly nowSeconds: number;
  readonly graceSeconds: number;
}

/**
 * The listed tokens whose slots can be taken again: those held only by terminating pods (the ReplicaSet
 * controller replaces a pod as soon as its deletion starts, long before the `pod.deleted` event that
 * gives the slot back could arrive), and those that no pod holds and were claimed more than
 * `graceSeconds` ago (the pod was removed at once, or its creation failed after the claim). A token
 * without a claim time is only freed by a terminating holder or by the give-back on deletion.
 */
export function staleSlotTokens(listed: readonly string[], pods: readonly SlotHolderPod[], options: StaleSlotOptions): Set<string> {
  const live = new Set<string>();
  const terminating = new Set<string>();
  for (const pod of pods) {
    const token = parseMark(pod.mark)?.token;
    if (token !== undefined) (pod.terminating ? terminating : live).add(token);
  }
  const stale = new Set<string>();
  for (const token of listed) {
    if (live.has(token)) continue;
    const claimedAt = claimedAtOf(token);
    const expired = claimedAt !== undefined && options.nowSeconds - claimedAt > options.graceSeconds;
    if (terminating.has(token) || expired) stale.add(token);
  }
  return stale;
}

/** Which pods to list to find a template's slot holders: the namespace, and the template-hash label when the pod has one. */
export interface SlotHolderQuery {
  readonly namespace: string;
  /** A label selector (`pod-template-hash=5d8f…`), or undefined for every pod of the namespace. */
  readonly labelSelector: string | undefined;
}

/** The listing that finds the pods sharing a pod's slots: the same template label `counterKeyFor` counts by. */
export function slotHolderQuery(namespace: string, labels: Readonly<Record<string, string>> | undefined): SlotHolderQuery {
  const label = templateLabel(labels);
  return { namespace, labelSelector: label === undefined ? undefined : `${label.name}=${label.value}` };
}
