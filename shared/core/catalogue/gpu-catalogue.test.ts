import { describe, expect, it } from 'vitest';
import type { GpuModelSpec } from './gpu-model.ts';
import { builtinModels } from './builtin-models.ts';
import { builtinCatalogue, createGpuCatalogue, normalizeGpuName } from './gpu-catalogue.ts';

const spec = (model: string, overrides: Partial<GpuModelSpec> = {}): GpuModelSpec => ({
  model, vendor: 'NVIDIA', fp16TflopsMilli: 100_000, vramBytes: 2 ** 34, aliases: [], ...overrides,
});

describe('Function: normalizeGpuName()', () => {
  it.each([
    { name: 'lower-cases', input: 'A100_SXM_80G', expected: 'a100_sxm_80g' },
    { name: 'trims', input: '  T4 \n', expected: 't4' },
    { name: 'strips NVIDIA', input: 'NVIDIA A10G', expected: 'a10g' },
    { name: 'strips Tesla', input: 'Tesla T4', expected: 't4' },
    { name: 'strips AMD', input: 'AMD Radeon RX 7900 XTX', expected: 'radeon rx 7900 xtx' },
    { name: 'strips stacked prefixes', input: 'NVIDIA  Tesla V100', expected: 'v100' },
    { name: 'keeps a prefix inside a name', input: 'RTX NVIDIA', expected: 'rtx nvidia' },
    { name: 'keeps a prefix glued to the name', input: 'NVIDIA-A10', expected: 'nvidia-a10' },
  ])('$name', ({ input, expected }) => {
    expect(normalizeGpuName(input)).toBe(expected);
  });
});

describe('Function: builtinCatalogue.lookup()', () => {
  it.each([
    { name: 'model id', input: 'A100_SXM_80G', expected: 'A100_SXM_80G' },
    { name: 'NVML name', input: 'NVIDIA A100-SXM4-80GB', expected: 'A100_SXM_80G' },
    { name: 'NVML name of a Tesla board', input: 'Tesla V100-SXM2-32GB', expected: 'V100_32G' },
    { name: 'chart duplicate id', input: 'A100_PCIe_80GB', expected: 'A100_PCIe_80G' },
    { name: 'trace name', input: 'V100M16', expected: 'V100_16G' },
    { name: 'family name', input: 'H100', expected: 'H100_PCIe' },
    { name: 'id in lower case', input: 'h100_sxm', expected: 'H100_SXM' },
    { name: 'family in mixed case', input: 'L40s', expected: 'L40S' },
    { name: 'NVML name in upper case', input: 'NVIDIA GEFORCE RTX 4090', expected: 'RTX4090' },
    { name: 'id with NVIDIA prefix', input: 'NVIDIA H20', expected: 'H20' },
    { name: 'id with Tesla prefix', input: 'Tesla P100', expected: 'P100' },
    { name: 'id with AMD prefix', input: 'AMD A10', expected: 'A10' },
    { name: 'alias without its prefix', input: 'A100-SXM4-80GB', expected: 'A100_SXM_80G' },
    { name: 'surrounding spaces', input: ' T4 ', expected: 'T4' },
  ])('finds by $name', ({ input, expected }) => {
    expect(builtinCatalogue.lookup(input)?.model).toBe(expected);
  });

  it.each([
    { name: 'unknown model', input: 'MI300X' },
    { name: 'empty name', input: '' },
    { name: 'vendor alone', input: 'NVIDIA' },
    { name: 'undisclosed trace model', input: 'G2' },
    { name: 'near miss', input: 'A100_SXM_80' },
  ])('returns undefined for $name', ({ input }) => {
    expect(builtinCatalogue.lookup(input)).toBeUndefined();
  });
});

describe('Function: createGpuCatalogue()', () => {
  it('lists every built-in model once, in order, frozen', () => {
    expect(builtinCatalogue.models()).toEqual(builtinModels);
    expect(Object.isFrozen(builtinCatalogue.models())).toBe(true);
    expect(Object.isFrozen(builtinCatalogue)).toBe(true);
  });

  it('lets a later spec with the same id replace the earlier one, aliases included', () => {
    const catalogue = createGpuCatalogue([spec('G2', { aliases: ['old'] }), spec('G3'), spec('G2', { fp16TflopsMilli: 1 })]);
    expect(catalogue.models().map((found) => found.model)).toEqual(['G3', 'G2']);
    expect(catalogue.lookup('g2')?.fp16TflopsMilli).toBe(1);
    expect(catalogue.lookup('old')).toBeUndefined();
  });

  it.each([
    {
      name: 'the later spec wins an alias',
      specs: [spec('G2', { aliases: ['shared'] }), spec('G3', { aliases: ['shared'] })],
      expected: 'G3',
    },
    {
      name: 'an override given later wins an alias over a spec between',
      specs: [spec('G2', { aliases: ['shared'] }), spec('G3', { aliases: ['shared'] }), spec('G2', { aliases: ['shared'] })],
      expected: 'G2',
    },
    {
      name: 'a model id wins over an alias given later',
      specs: [spec('shared'), spec('G3', { aliases: ['NVIDIA Shared'] })],
      expected: 'shared',
    },
  ])('resolves a name clash: $name', ({ specs, expected }) => {
    expect(createGpuCatalogue(specs).lookup('shared')?.model).toBe(expected);
  });

  it('gives the same lookups when rebuilt from its own models()', () => {
    const specs = [spec('G2', { aliases: ['x'] }), spec('G3', { aliases: ['x'] }), spec('G2', { aliases: ['x'] })];
    const first = createGpuCatalogue(specs);
    expect(createGpuCatalogue(first.models()).lookup('x')).toEqual(first.lookup('x'));
  });

  it('copies its input, so changing the input later changes nothing', () => {
    const aliases = ['first'];
    const catalogue = createGpuCatalogue([spec('G2', { aliases })]);
    aliases.push('second');
    expect(catalogue.lookup('second')).toBeUndefined();
    expect(catalogue.lookup('G2')?.aliases).toEqual(['first']);
  });

  it('is empty when given no specs', () => {
    const catalogue = createGpuCatalogue([]);
    expect(catalogue.models()).toEqual([]);
    expect(catalogue.lookup('T4')).toBeUndefined();
  });
});
