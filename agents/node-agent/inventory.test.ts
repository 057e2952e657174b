import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../shared/core/catalogue/gpu-catalogue.ts';
import { gpuNodeInventorySchema } from '../../shared/schemas/events/gpu-inventory.ts';
import { buildInventory, sameInventory } from './inventory.ts';

const context = { clusterId: 'lab', node: 'gpu-1', pool: 'a100', catalogue: builtinCatalogue, time: '2025-01-31T12:00:00Z' };
const gpu = (index: number, model = 'NVIDIA A100-SXM4-80GB') => ({ uuid: `GPU-${index}`, index, model, vramBytes: 85_899_345_920 });

describe('Function: buildInventory()', () => {
  it('gives each GPU, by index, its FP16 TFLOPS from the catalogue', () => {
    const event = buildInventory([gpu(1), gpu(0, 'Tesla T4')], context);
    expect(gpuNodeInventorySchema.parse(event)).toEqual(event);
    expect(event.data.gpus.map((g) => [g.index, g.fp16TflopsMilli])).toEqual([[0, 65_000], [1, 312_000]]);
    expect(event.source).toBe('node-agent/gpu-1');
  });

  it('fails discovery for a model the catalogue does not know, naming it once', () => {
    expect(() => buildInventory([gpu(0, 'Mystery GPU'), gpu(1, 'Mystery GPU')], context))
      .toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('"Mystery GPU" is not in the GPU catalogue') }));
  });
});

describe('Function: sameInventory()', () => {
  it('compares GPUs and pool, not ids or times', () => {
    const a = buildInventory([gpu(0)], context);
    expect(sameInventory(a, buildInventory([gpu(0)], { ...context, time: '2026-01-01T00:00:00Z' }))).toBe(true);
    expect(sameInventory(a, buildInventory([gpu(0)], { ...context, pool: 'other' }))).toBe(false);
    expect(sameInventory(a, buildInventory([gpu(0), gpu(1)], context))).toBe(false);
    expect(sameInventory(undefined, a)).toBe(false);
  });
});
