import { describe, expect, it } from 'vitest';
import type { GpuModelSpec } from './gpu-model.ts';
import { freezeGpuModel } from './gpu-model.ts';

const spec = (): GpuModelSpec => ({ model: 'G2', vendor: 'NVIDIA', fp16TflopsMilli: 1000, vramBytes: 2 ** 35, aliases: ['g2-board'] });

describe('Function: freezeGpuModel()', () => {
  it('returns an equal copy, not the input', () => {
    const input = spec();
    const frozen = freezeGpuModel(input);
    expect(frozen).toEqual(input);
    expect(frozen).not.toBe(input);
    expect(frozen.aliases).not.toBe(input.aliases);
  });

  it('freezes the spec and its aliases', () => {
    const frozen = freezeGpuModel(spec());
    expect(Object.isFrozen(frozen)).toBe(true);
    expect(Object.isFrozen(frozen.aliases)).toBe(true);
  });

  it('leaves the input unfrozen and unaffected by later changes', () => {
    const input = { ...spec(), aliases: ['a'] };
    const frozen = freezeGpuModel(input);
    input.aliases.push('b');
    expect(Object.isFrozen(input)).toBe(false);
    expect(frozen.aliases).toEqual(['a']);
  });
});
