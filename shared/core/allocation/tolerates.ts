import type { NodeTaint, Toleration } from '../../schemas/node-scheduling.ts';

/** The taint effects that keep a pod off a node at scheduling time; `PreferNoSchedule` only steers. */
const REPELLING_EFFECTS: ReadonlySet<string> = new Set(['NoSchedule', 'NoExecute']);

/**
 * Whether a toleration tolerates a taint, as core/v1 defines it
 * (https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/): an empty effect matches
 * every effect, an empty key with `Exists` matches every taint, `Exists` ignores the value, and `Equal`
 * (the default operator) needs the same value, an absent one being empty.
 */
export function toleratesTaint(toleration: Toleration, taint: NodeTaint): boolean {
  if ((toleration.effect ?? '') !== '' && toleration.effect !== taint.effect) return false;
  if ((toleration.key ?? '') !== '' && toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** The first `NoSchedule` or `NoExecute` taint no toleration tolerates, or `undefined` when the pod may go there. */
export function untoleratedTaint(taints: readonly NodeTaint[], tolerations: readonly Toleration[]): NodeTaint | undefined {
  return taints.find((taint) => REPELLING_EFFECTS.has(taint.effect) && !tolerations.some((toleration) => toleratesTaint(toleration, taint)));
}
