import { ALLOCATION_GATE } from '../admission/mutate-pod.ts';

/** A node selector requirement, as in `spec.affinity.nodeAffinity`. */
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/** One node selector term: its requirements are ANDed; the terms of a selector are ORed. */
export interface SelectorTerm {
  readonly matchExpressions?: readonly SelectorRequirement[];
  readonly matchFields?: readonly SelectorRequirement[];
}

/** The parts of a pod a binding reads. */
export interface BindablePod {
  readonly metadata: { readonly annotations?: Readonly<Record<string, string>> };
  readonly spec: {
    readonly schedulingGates?: readonly { readonly name: string }[];
    readonly affinity?: { readonly nodeAffinity?: { readonly requiredDuringSchedulingIgnoredDuringExecution?: { readonly nodeSelectorTerms?: readonly SelectorTerm[] } } };
  };
}

/** What binding a pod comes to. */
export type BindPlan =
  | { readonly kind: 'patch'; readonly annotations: Readonly<Record<string, string>>; readonly schedulingGates: readonly { readonly name: string }[]; readonly nodeSelectorTerms: readonly SelectorTerm[] }
  | { readonly kind: 'already-bound' }
  | { readonly kind: 'not-gated' };

/** The field requirement that pins a pod to `node` (`matchFields` on `metadata.name`, what the DaemonSet controller uses). */
export const pinTo = (node: string): SelectorRequirement => ({ key: 'metadata.name', operator: 'In', values: [node] });

const isPin = (requirement: SelectorRequirement, node: string): boolean =>
  requirement.key === 'metadata.name' && requirement.operator === 'In' && requirement.values?.length === 1 && requirement.values[0] === node;

/**
 * The pod's required node selector narrowed to `node`: the pin added to every term (terms are ORed, so
 * each must be narrowed), or one term holding only the pin when the pod had none. Kubernetes accepts
 * exactly this change on a gated pod: new terms when there were none, otherwise only added requirements
 * (https://kubernetes.io/docs/concepts/scheduling-eviction/pod-scheduling-readiness/).
 */
export function pinnedTerms(terms: readonly SelectorTerm[] | undefined, node: string): SelectorTerm[] {
  if (terms === undefined || terms.length === 0) return [{ matchFields: [pinTo(node)] }];
  return terms.map((term) => (term.matchFields ?? []).some((field) => isPin(field, node)) ? term : { ...term, matchFields: [...(term.matchFields ?? []), pinTo(node)] });
}

/**
 * How to bind a pod to `node` with `annotations`: while it is gated, its annotations set, its node
 * selector narrowed and the allocation gate removed (other gates stay); a pod already ungated with these
 * annotations is bound already (a redelivery); one ungated otherwise was released by someone else and
 * can no longer be pinned.
 */
export function planBinding(pod: BindablePod, binding: { readonly node: string; readonly annotations: Readonly<Record<string, string>> }): BindPlan {
  const gates = pod.spec.schedulingGates ?? [];
  if (!gates.some((gate) => gate.name === ALLOCATION_GATE)) {
    const current = pod.metadata.annotations ?? {};
    return Object.entries(binding.annotations).every(([key, value]) => current[key] === value) ? { kind: 'already-bound' } : { kind: 'not-gated' };
  }
  return {
    kind: 'patch',
    annotations: binding.annotations,
    schedulingGates: gates.filter((gate) => gate.name !== ALLOCATION_GATE),
    nodeSelectorTerms: pinnedTerms(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms, binding.node),
  };
}
