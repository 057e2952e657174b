/** One utilisation reading: used compute over the compute limit, of one pod over one interval. */
export interface UtilisationPoint {
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

/** The mean utilisation over the remembered readings, undefined without any. */
export function meanUtilisation(memory: ReplicaMemory): number | undefined {
  if (memory.points.length === 0) return undefined;
  return memory.points.reduce((sum, point) => sum + point.utilisation, 0) / memory.points.length;
}

/**
 * `memory` after scaling `direction` at `nowMs`: the move starts its cool-down, and the readings taken
 * at the old replica count no longer describe the workload, so they are forgotten.
 */
export function afterScaling(memory: ReplicaMemory, direction: 'up' | 'down', nowMs: number): ReplicaMemory {
  return direction === 'up' ? { ...memory, points: [], lastScaleUpMs: nowMs } : { ...memory, points: [], lastScaleDownMs: nowMs };
}
