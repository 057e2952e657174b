import { describe, expect, it } from 'vitest';
import { aggregateInterval } from './aggregate-interval.ts';
import type { NodeSample, WorkloadSample } from './node-sample.ts';

const A100 = 312_000;
const tflopsOf = (uuid: string): number => (uuid === 'GPU-a' ? A100 : 0);
const work = (pod: string, use: readonly [computePercent: number, vramBytes: number], extra: Partial<WorkloadSample> = {}): WorkloadSample =>
  ({ namespace: 'ml', pod, gpuUuid: 'GPU-a', computePercent: use[0], vramBytes: use[1], ...extra });
const sample = (atMs: number, gpus: NodeSample['gpus'], workloads: NodeSample['workloads'] = []): NodeSample => ({ atMs, gpus, workloads });

describe('Function: aggregateInterval()', () => {
  it('gives each GPU its peak and mean of compute, TFLOPS and VRAM', () => {
    const result = aggregateInterval([
      sample(0, [{ uuid: 'GPU-a', computePercent: 20, vramBytes: 100 }]),
      sample(1, [{ uuid: 'GPU-a', computePercent: 60, vramBytes: 300 }]),
    ], tflopsOf);
    expect(result.gpus).toEqual([{
      uuid: 'GPU-a', computePercent: { max: 60, mean: 40 }, tflops: { max: 187.2, mean: 124.8 }, vramBytes: { max: 300, mean: 200 },
    }]);
  });

  it('keeps GPUs apart and in order of first appearance, with 0 TFLOPS for a GPU of unknown capacity', () => {
    const result = aggregateInterval([
      sample(0, [{ uuid: 'GPU-b', computePercent: 50, vramBytes: 1 }, { uuid: 'GPU-a', computePercent: 10, vramBytes: 2 }]),
    ], tflopsOf);
    expect(result.gpus.map((gpu) => [gpu.uuid, gpu.tflops.max])).toEqual([['GPU-b', 0], ['GPU-a', 31.2]]);
  });

  it('aggregates each workload container on each GPU over its own samples, counting them', () => {
    const result = aggregateInterval([
      sample(0, [], [work('a', [10, 100]), work('b', [40, 50], { container: 'main' })]),
      sample(1, [], [work('a', [30, 300]), work('a', [5, 5], { gpuUuid: 'GPU-b' })]),
    ], tflopsOf);
    expect(result.workloads).toEqual([
      { namespace: 'ml', pod: 'a', gpuUuid: 'GPU-a', samples: 2, computePercent: { max: 30, mean: 20 }, vramBytes: { max: 300, mean: 200 } },
      { namespace: 'ml', pod: 'b', container: 'main', gpuUuid: 'GPU-a', samples: 1, computePercent: { max: 40, mean: 40 }, vramBytes: { max: 50, mean: 50 } },
      { namespace: 'ml', pod: 'a', gpuUuid: 'GPU-b', samples: 1, computePercent: { max: 5, mean: 5 }, vramBytes: { max: 5, mean: 5 } },
    ]);
  });

  it('drops an explicitly undefined container instead of writing the key', () => {
    const loose = { ...work('a', [1, 1]), container: undefined } as unknown as WorkloadSample;
    expect(Object.keys(aggregateInterval([sample(0, [], [loose])], tflopsOf).workloads[0] ?? {})).not.toContain('container');
  });

  it('gives nothing for no samples', () => {
    expect(aggregateInterval([], tflopsOf)).toEqual({ gpus: [], workloads: [] });
  });
});
