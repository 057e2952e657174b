// The published FGD protocol (shared/data/README.md): scale the pod list to 1.3 x the cluster's GPU
// capacity, shuffle it with the seed, submit pods one by one with no departures, and record the GPU
// allocation ratio against the GPU request arrived so far.
import { allocate } from '../../../shared/core/allocation/allocate.ts';
import { applyPlacement } from '../../../shared/core/allocation/apply-placement.ts';
import type { GpuSnapshot } from '../../../shared/core/allocation/gpu-snapshot.ts';
import type { PlacementStrategy } from '../../../shared/core/allocation/placement-strategy.ts';
import type { TraceFleet, TracePod } from './openb-trace.ts';
import { randomIndex, shuffle } from './prng.ts';

/** The published workload scale: total GPU request = 1.3 x cluster GPU capacity. */
export const TARGET_RATIO = 1.3;

/**
 * The pod list scaled to `ratio` x capacity: pods drawn uniformly from the original list and added
 * until the next one would pass the target, or pods dropped at random until the total is within it.
 */
export function scalePods(pods: readonly TracePod[], options: { capacityMilli: number; random: () => number; ratio?: number }): TracePod[] {
  const target = (options.ratio ?? TARGET_RATIO) * options.capacityMilli;
  const scaled = pods.slice();
  let total = scaled.reduce((sum, pod) => sum + pod.milli, 0);
  while (total > target && scaled.length > 0) {
    const [dropped] = scaled.splice(randomIndex(options.random, scaled.length), 1);
    total -= dropped?.milli ?? 0;
  }
  for (;;) {
    const next = pods[randomIndex(options.random, pods.length)] as TracePod;
    if (total + next.milli > target) break;
    scaled.push(next);
    total += next.milli;
  }
  return scaled;
}

/** One point per submitted pod: GPU request arrived and GPU allocated, both in % of capacity. */
export interface CurvePoint {
  readonly arrivedPct: number;
  readonly allocatedPct: number;
}

/** What a replay measured. */
export interface ReplayResult {
  readonly curve: CurvePoint[];
  readonly failed: number;
  readonly decisions: number;
  readonly snapshot: GpuSnapshot;
}

/** Submit the pods in order, booking each placement; a pod that fits nowhere is dropped (no retries). */
export function replay(fleet: TraceFleet, pods: readonly TracePod[], strategy: PlacementStrategy): ReplayResult {
  let snapshot = fleet.snapshot;
  let arrived = 0;
  let allocated = 0;
  let failed = 0;
  const curve: CurvePoint[] = [];
  for (const pod of pods) {
    arrived += pod.milli;
    const result = allocate(snapshot, pod.request, strategy);
    if (result.kind === 'placed') {
      snapshot = applyPlacement(snapshot, pod.request, result);
      allocated += pod.milli;
    } else {
      failed += 1;
    }
    curve.push({ arrivedPct: (arrived / fleet.capacityMilli) * 100, allocatedPct: (allocated / fleet.capacityMilli) * 100 });
  }
  return { curve, failed, decisions: pods.length, snapshot };
}

/**
 * The allocation ratio at `percent` % arrived, as the paper's analysis script reads it: the mean over the
 * points whose arrived % rounds to `percent`, or within one point of it when none does.
 */
export function allocationAt(curve: readonly CurvePoint[], percent: number): number {
  let points = curve.filter((point) => Math.round(point.arrivedPct) === percent);
  if (points.length === 0) points = curve.filter((point) => Math.abs(point.arrivedPct - percent) <= 1);
  if (points.length === 0) return Number.NaN;
  return points.reduce((sum, point) => sum + point.allocatedPct, 0) / points.length;
}

/** Scale and shuffle for one seed: the same arrival order for every policy. */
export function arrivalOrder(pods: readonly TracePod[], options: { capacityMilli: number; random: () => number }): TracePod[] {
  return shuffle(scalePods(pods, options), options.random);
}
