import { describe, expect, it } from 'vitest';
import { resolveWorkload } from '../admission/resolve-workload.ts';
import { podWith } from '../../../test/fixtures/builders.ts';
import { builtinCatalogue } from '../catalogue/gpu-catalogue.ts';
import { amountsLike, baselineOf, computePercentOf, gpuCapacityOf, requestsLimitsOf } from './workload-baseline.ts';

const A100 = { vramBytes: 40 * 1024 ** 3, tflops: 312 };
const MIB = 1024 ** 2;

describe('Function: gpuCapacityOf()', () => {
  it.each([
    { name: 'a catalogue model in TFLOPS', model: builtinCatalogue.lookup('A100'), expected: A100 },
    { name: 'milli-TFLOPS that do not divide evenly', model: { vramBytes: 16 * 1024 ** 3, fp16TflopsMilli: 65_130 }, expected: { vramBytes: 16 * 1024 ** 3, tflops: 65.13 } },
  ])('$name', ({ model, expected }) => {
    expect(gpuCapacityOf(model ?? { vramBytes: 0, fp16TflopsMilli: 0 })).toEqual(expected);
  });
});

describe('Function: computePercentOf()', () => {
  it.each([
    { name: 'percent as stated', amounts: { computePercentMilli: 25_500 }, expected: 25.5 },
    { name: 'TFLOPS over the GPU', amounts: { tflopsMilli: 78_000 }, expected: 25 },
    { name: 'nothing stated', amounts: { vramBytes: 1 }, expected: undefined },
    { name: 'TFLOPS on a GPU of unknown TFLOPS', amounts: { tflopsMilli: 78_000 }, gpu: { vramBytes: 1, tflops: 0 }, expected: undefined },
  ])('$name', ({ amounts, gpu, expected }) => {
    expect(computePercentOf(amounts, gpu ?? A100)).toBe(expected);
  });
});

describe('Function: requestsLimitsOf()', () => {
  it('turns a spec into recommender units, unset compute as 0', () => {
    const spec = { requests: { tflopsMilli: 0, computePercentMilli: 0, vramBytes: MIB }, limits: { tflopsMilli: 156_000, computePercentMilli: 0, vramBytes: 2 * MIB } };
    expect(requestsLimitsOf(spec, A100)).toEqual({ requests: { computePercent: 0, vramBytes: MIB }, limits: { computePercent: 50, vramBytes: 2 * MIB } });
  });
});

describe('Function: amountsLike()', () => {
  it.each([
    { name: 'TFLOPS when the spec uses TFLOPS; VRAM rounded up to whole MiB', like: { tflopsMilli: 1, computePercentMilli: 0, vramBytes: 0 }, expected: { tflopsMilli: 78_000, computePercentMilli: 0, vramBytes: 2 * MIB } },
    { name: 'percent otherwise', like: { tflopsMilli: 0, computePercentMilli: 1, vramBytes: 0 }, expected: { tflopsMilli: 0, computePercentMilli: 25_000, vramBytes: 2 * MIB } },
  ])('$name', ({ like, expected }) => {
    expect(amountsLike({ computePercent: 25, vramBytes: MIB + 1 }, like, A100)).toEqual(expected);
  });
});

describe('Function: baselineOf()', () => {
  it('holds the spec in recommender units, its QoS, the GPU and the creation time', () => {
    const resolution = resolveWorkload(podWith({ 'tensor-fusion.ai/tflops-request': '78', 'tensor-fusion.ai/tflops-limit': '156', 'tensor-fusion.ai/vram-request': '1Gi', 'tensor-fusion.ai/vram-limit': '2Gi', 'tensor-fusion.ai/qos': 'high' }));
    if (!resolution.ok) throw new Error('the pod must resolve');
    expect(baselineOf(resolution.spec, A100, 7)).toEqual({
      original: { requests: { computePercent: 25, vramBytes: 1024 * MIB }, limits: { computePercent: 50, vramBytes: 2048 * MIB } }, qos: 'high', gpu: A100, createdMs: 7,
    });
  });
});
