import type { ReplicaConfig } from './replica-config.ts';

/**
 * Where a pod of the workload stands, as the HPA groups pods: `ready` (running and Ready), `unready`
 * (pending, or running but not Ready yet), `gone` (being deleted, failed or finished: never counted).
 */
export type PodReadiness = 'ready' | 'unready' | 'gone';

/** A pod of the workload as listed now. */
export interface ListedPod {
  readonly name: string;
  readonly readiness: PodReadiness;
}

/** The workload's utilisation once its silent pods are counted, and whether that must hold the count. */
export interface PodsUtilisation {
  readonly utilisation: number;
  /** Set when counting the silent pods turns the direction the readings alone asked for: hold, and why. */
  readonly hold?: string;
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const side = (ratio: number): string => (ratio > 1 ? 'over' : 'under');

/**
 * The Kubernetes HPA's treatment of pods without metrics (`GetResourceReplicas` in
 * https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/podautoscaler/replica_calculator.go,
 * https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details), so a move
 * never rests on the pods that happened to report. `readings` is each reporting pod's utilisation; they all
 * count, whatever the listing says (the node-agent reports only pods that run on a GPU). Of the listed pods
 * that sent none, when the readings alone ask to scale up (ratio to the target over 1) the ready ones and
 * the unready ones count as 0; when they ask to scale down the ready ones count as fully used
 * (max(1, target)) and the unready ones are left out; `gone` pods never count. If that turns the direction,
 * the count holds. Either way the silent pods can only narrow a move, never widen or start one, so the
 * caller needs the listing only when the readings alone ask for a move. Undefined without readings.
 */
export function utilisationOfPods(readings: ReadonlyMap<string, number>, pods: readonly ListedPod[], config: Pick<ReplicaConfig, 'targetTFlopsOfLimits'>): PodsUtilisation | undefined {
  if (readings.size === 0) return undefined;
  const target = config.targetTFlopsOfLimits;
  const measured = mean([...readings.values()]);
  const raw = measured / target;
  const silent = pods.filter((pod) => !readings.has(pod.name));
  const filled = silent.flatMap((pod) => {
    if (raw > 1 && pod.readiness !== 'gone') return [0];
    if (raw < 1 && pod.readiness === 'ready') return [Math.max(1, target)];
    return [];
  });
  const utilisation = mean([...readings.values(), ...filled]);
  const ratio = utilisation / target;
  if ((raw > 1 && ratio < 1) || (raw < 1 && ratio > 1)) {
    return { utilisation, hold: `utilisation ${measured.toFixed(2)} ${side(raw)} target ${target}, but ${utilisation.toFixed(2)} ${side(ratio)} it with the ${filled.length} pods that sent no readings` };
  }
  return { utilisation };
}
