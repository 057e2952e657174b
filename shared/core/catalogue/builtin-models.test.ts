import { describe, expect, it } from 'vitest';
import { builtinModels } from './builtin-models.ts';
import { builtinCatalogue, normalizeGpuName } from './gpu-catalogue.ts';

const GIB = 2 ** 30;

describe('Data: builtinModels', () => {
  it.each(builtinModels.map((spec) => ({ name: spec.model, spec })))(
    '$name has positive integer fp16TflopsMilli and vramBytes',
    ({ spec }) => {
      expect(Number.isSafeInteger(spec.fp16TflopsMilli) && spec.fp16TflopsMilli > 0).toBe(true);
      expect(Number.isSafeInteger(spec.vramBytes) && spec.vramBytes > 0).toBe(true);
      expect(spec.vendor).toBe('NVIDIA');
    },
  );

  it('has no name (id or alias, compared as lookup compares) shared by two entries', () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const spec of builtinModels) {
      for (const key of new Set([spec.model, ...spec.aliases].map(normalizeGpuName))) {
        const owner = owners.get(key);
        if (owner !== undefined) clashes.push(`${key}: ${owner} and ${spec.model}`);
        owners.set(key, spec.model);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('is frozen, entries and aliases included', () => {
    expect(Object.isFrozen(builtinModels)).toBe(true);
    expect(builtinModels.every((spec) => Object.isFrozen(spec) && Object.isFrozen(spec.aliases))).toBe(true);
  });

  it('leaves out the undisclosed openb models G2 and G3', () => {
    expect(builtinCatalogue.lookup('G2')).toBeUndefined();
    expect(builtinCatalogue.lookup('G3')).toBeUndefined();
  });

  // The models of shared/data/openb/openb_node_list_gpu_node.csv other than G2 and G3.
  it.each([
    { name: 'P100', model: 'P100', tflopsMilli: 18_700, vramGib: 16 },
    { name: 'T4', model: 'T4', tflopsMilli: 65_000, vramGib: 16 },
    { name: 'V100M16', model: 'V100_16G', tflopsMilli: 125_000, vramGib: 16 },
    { name: 'V100M32', model: 'V100_32G', tflopsMilli: 125_000, vramGib: 32 },
    { name: 'A10', model: 'A10', tflopsMilli: 125_000, vramGib: 24 },
  ])('resolves the openb trace model $name', ({ name, model, tflopsMilli, vramGib }) => {
    expect(builtinCatalogue.lookup(name)).toMatchObject({ model, fp16TflopsMilli: tflopsMilli, vramBytes: vramGib * GIB });
  });

  it.each([
    { name: 'A100', prefix: 'A100_', expected: 'A100_PCIe_40G' },
    { name: 'A800', prefix: 'A800_', expected: 'A800_PCIe_40G' },
    { name: 'H100', prefix: 'H100_', expected: 'H100_PCIe' },
    { name: 'H800', prefix: 'H800_', expected: 'H800_PCIe' },
    { name: 'H200', prefix: 'H200', expected: 'H200' },
    { name: 'B200', prefix: 'B200', expected: 'B200_SXM' },
    { name: 'V100', prefix: 'V100_', expected: 'V100_16G' },
    { name: 'L40s', prefix: 'L40S', expected: 'L40S' },
  ])('resolves family $name to its smallest variant $expected', ({ name, prefix, expected }) => {
    const family = builtinModels.filter((spec) => spec.model.startsWith(prefix));
    const found = builtinCatalogue.lookup(name);
    expect(found?.model).toBe(expected);
    for (const variant of family) {
      expect(found?.vramBytes).toBeLessThanOrEqual(variant.vramBytes);
    }
  });

  it.each([
    { name: 'T4', vramGib: 16 },
    { name: 'A10G', vramGib: 24 },
    { name: 'L4', vramGib: 24 },
    { name: 'A40', vramGib: 48 },
    { name: 'A6000', vramGib: 48 },
    { name: 'A6000Ada', vramGib: 48 },
    { name: 'L40', vramGib: 48 },
    { name: 'H100_SXM', vramGib: 80 },
    { name: 'H100_NVL', vramGib: 94 },
    { name: 'H20', vramGib: 96 },
    { name: 'H200_NVL', vramGib: 141 },
    { name: 'B200_SXM', vramGib: 180 },
    { name: 'V100S', vramGib: 32 },
    { name: 'RTX3090', vramGib: 24 },
    { name: 'RTX4090', vramGib: 24 },
    { name: 'RTX_5090', vramGib: 32 },
  ])('gives $name the spec-sheet VRAM of $vramGib GiB', ({ name, vramGib }) => {
    expect(builtinCatalogue.lookup(name)?.vramBytes).toBe(vramGib * GIB);
  });
});
