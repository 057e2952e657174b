import type { GpuLoad, WorkloadUsage } from '../../schemas/events/gpu-metrics.ts';
import type { NodeSample } from './node-sample.ts';
import { addToStat, EMPTY_STAT, toMaxMean, type StatAccumulator } from './stat.ts';
import { tflopsOf } from './tflops-of.ts';

/** What one node's samples over one interval amount to: the `gpus` and `workloads` of a `gpu.metrics` event. */
export interface IntervalAggregate {
  readonly gpus: GpuLoad[];
  readonly workloads: WorkloadUsage[];
}

interface GpuStats {
  compute: StatAccumulator;
  tflops: StatAccumulator;
  vram: StatAccumulator;
}

interface WorkloadStats {
  readonly identity: Pick<WorkloadUsage, 'namespace' | 'pod' | 'container' | 'gpuUuid'>;
  compute: StatAccumulator;
  vram: StatAccumulator;
}

const workloadKey = (w: WorkloadStats['identity']): string => `${w.namespace}\u0000${w.pod}\u0000${w.container ?? ''}\u0000${w.gpuUuid}`;

function gpuStatsOf(samples: readonly NodeSample[], fp16TflopsMilliOf: (uuid: string) => number): Map<string, GpuStats> {
  const byUuid = new Map<string, GpuStats>();
  for (const sample of samples) {
    for (const gpu of sample.gpus) {
      const stats = byUuid.get(gpu.uuid) ?? { compute: EMPTY_STAT, tflops: EMPTY_STAT, vram: EMPTY_STAT };
      stats.compute = addToStat(stats.compute, gpu.computePercent);
      stats.tflops = addToStat(stats.tflops, tflopsOf(gpu.computePercent, fp16TflopsMilliOf(gpu.uuid)));
      stats.vram = addToStat(stats.vram, gpu.vramBytes);
      byUuid.set(gpu.uuid, stats);
    }
  }
  return byUuid;
}

function workloadStatsOf(samples: readonly NodeSample[]): Map<string, WorkloadStats> {
  const byKey = new Map<string, WorkloadStats>();
  for (const sample of samples) {
    for (const { computePercent, vramBytes, ...identity } of sample.workloads) {
      const key = workloadKey(identity);
      const stats = byKey.get(key) ?? { identity, compute: EMPTY_STAT, vram: EMPTY_STAT };
      stats.compute = addToStat(stats.compute, computePercent);
      stats.vram = addToStat(stats.vram, vramBytes);
      byKey.set(key, stats);
    }
  }
  return byKey;
}

/**
 * Aggregate one node's samples over one interval: per GPU and per workload container on a GPU, the peak
 * and mean of compute (percent, and for GPUs TFLOPS from `fp16TflopsMilliOf`, the inventory's capacity)
 * and of VRAM bytes. Each series counts only the samples it appears in, so a pod that started mid-interval
 * is averaged over its own samples. Output order follows first appearance, so it is deterministic.
 */
export function aggregateInterval(samples: readonly NodeSample[], fp16TflopsMilliOf: (uuid: string) => number): IntervalAggregate {
  const gpus = [...gpuStatsOf(samples, fp16TflopsMilliOf)].map(([uuid, stats]): GpuLoad => ({
    uuid, computePercent: toMaxMean(stats.compute), tflops: toMaxMean(stats.tflops), vramBytes: toMaxMean(stats.vram),
  }));
  const workloads = [...workloadStatsOf(samples).values()].map((stats): WorkloadUsage => ({
    ...withoutUndefined(stats.identity), samples: stats.compute.count, computePercent: toMaxMean(stats.compute), vramBytes: toMaxMean(stats.vram),
  }));
  return { gpus, workloads };
}

function withoutUndefined(identity: WorkloadStats['identity']): WorkloadStats['identity'] {
  const { container, ...rest } = identity;
  return container === undefined ? rest : { ...rest, container };
}
