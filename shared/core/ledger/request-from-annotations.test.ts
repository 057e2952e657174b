import { describe, expect, it } from 'vitest';
import { requestFromAnnotations } from './request-from-annotations.ts';

const K = 'tensor-fusion.ai/';

describe('Function: requestFromAnnotations()', () => {
  it.each([
    {
      name: 'TFLOPS and VRAM requests, two GPUs of a model in a pool',
      annotations: { [`${K}tflops-request`]: '10', [`${K}vram-request`]: '4Gi', [`${K}tflops-limit`]: '20', [`${K}gpu-count`]: '2', [`${K}gpupool`]: 'a100', [`${K}gpu-model`]: 'A100', [`${K}vendor`]: 'NVIDIA' },
      expected: { perGpu: { tflopsMilli: 10_000, computePercentMilli: 0, vramBytes: 4 * 2 ** 30, vramPercentMilli: 0 }, gpuCount: 2, pool: 'a100', vendor: 'NVIDIA', dedicatedGpu: false },
    },
    {
      name: 'a compute percent, one GPU by default, any pool',
      annotations: { [`${K}compute-percent-request`]: '50' },
      expected: { perGpu: { tflopsMilli: 0, computePercentMilli: 50_000, vramBytes: 0, vramPercentMilli: 0 }, gpuCount: 1, pool: undefined, gpuModels: [] },
    },
    {
      name: 'a dedicated GPU with no amounts',
      annotations: { [`${K}dedicated-gpu`]: 'true', [`${K}gpu-model`]: 'A100' },
      expected: { dedicatedGpu: true, perGpu: { tflopsMilli: 0, computePercentMilli: 0, vramBytes: 0, vramPercentMilli: 0 } },
    },
  ])('reads $name', ({ annotations, expected }) => {
    const result = requestFromAnnotations(annotations);
    expect(result).toMatchObject({ ok: true, request: expected });
  });

  it('expands a model name to its catalogue aliases', () => {
    const result = requestFromAnnotations({ [`${K}vram-request`]: '1Gi', [`${K}gpu-model`]: 'A100' });
    expect(result.ok && result.request.gpuModels.length).toBeGreaterThan(1);
  });

  it.each([
    { name: 'a bad amount', annotations: { [`${K}vram-request`]: '4GB' }, fragment: 'tensor-fusion.ai/vram-request must' },
    { name: 'no amounts at all', annotations: { [`${K}gpu-count`]: '1' }, fragment: 'must be set (admission writes them)' },
  ])('refuses $name', ({ annotations, fragment }) => {
    const result = requestFromAnnotations(annotations);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(fragment);
  });
});
