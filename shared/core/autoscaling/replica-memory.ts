/** One utilisation reading: used compute over the compute limit, of one pod over one interval. */
export interface UtilisationPoint {
  /** The pod it was read from (records written before pods were kept have none: they count as one pod). */
  readonly pod: string;
  readonly atMs: number;
  readonly utilisation: number;
}

/** What replica scaling remembers per workload: readings inside the evaluation period, and the last moves. */
export interface ReplicaMemory {
  readonly points: readonly UtilisationPoint[];
  readonly lastScaleUpMs?: number;
  readonly lastScaleDownMs?: number;
}

/** `memory` with `points` added and readings older than `periodMs` before `nowMs` dropped. */
export function rememberUtilisation(memory: ReplicaMemory, points: readonly UtilisationPoint[], window: { readonly periodMs: number; readonly nowMs: number }): ReplicaMemory {
  const since = window.nowMs - window.periodMs;
  return { ...memory, points: [...memory.points, ...points].filter((point) => point.atMs > since) };
}

/** Each pod's mean utilisation over its remembered readings. */
export function utilisationByPod(memory: ReplicaMemory): ReadonlyMap<string, number> {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const point of memory.points) {
    const seen = sums.get(point.pod) ?? { sum: 0, count: 0 };
    sums.set(point.pod, { sum: seen.sum + point.utilisation, count: seen.count + 1 });
  }
  return new Map([...sums].map(([pod, { sum, count }]) => [pod, sum / count]));
}

/**
 * The workload's utilisation over the remembered readings: the mean over pods of each pod's mean, so a pod
 * that reported more intervals (it ran the whole period) weighs no more than one that joined late, as
 * HPA's one reading per pod; undefined without any reading.
 */
export function meanUtilisation(memory: ReplicaMemory): number | undefined {
  const pods = [...utilisationByPod(memory).values()];
  return pods.length === 0 ? undefined : pods.reduce((sum, utilisation) => sum + utilisation, 0) / pods.length;
}

/**
 * `memory` after scaling `direction` at `nowMs`: the move starts its cool-down, and the readings taken
 * at the old replica count no longer describe the workload, so they are forgotten.
 */
export function afterScaling(memory: ReplicaMemory, direction: 'up' | 'down', nowMs: number): ReplicaMemory {
  return direction === 'up' ? { ...memory, points: [], lastScaleUpMs: nowMs } : { ...memory, points: [], lastScaleDownMs: nowMs };
}
