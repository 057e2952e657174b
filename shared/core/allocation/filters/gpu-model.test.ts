import { describe, expect, it } from 'vitest';
import { createAllocationContext } from '../allocation-context.ts';
import { allowedModelNames } from '../request-from-spec.ts';
import { gpuWith, nodeWith, requestWith } from '../../../../test/fixtures/allocation.ts';
import { gpuModel } from './gpu-model.ts';

describe('Filter: gpu-model', () => {
  const node = { ...nodeWith('n', 0, {}), gpus: [gpuWith({ model: 'T4' }), gpuWith({ index: 1, model: 'Tesla V100-SXM2-16GB' })] };

  it.each([
    { name: 'every GPU for any model', models: [], kept: 0b11 },
    { name: 'the V100 for V100M16', models: ['V100M16'], kept: 0b10 },
    { name: 'both for t4 or V100_16G', models: ['t4', 'V100_16G'], kept: 0b11 },
    { name: 'none for an A100', models: ['A100'], kept: 0 },
  ])('keeps $name', ({ models, kept }) => {
    expect(gpuModel.keepGpus(node, 0b11, createAllocationContext(requestWith({ gpuModels: allowedModelNames(models) })))).toBe(kept);
  });

  it('names itself and the models', () => {
    expect(gpuModel.name).toBe('gpu-model');
    expect(gpuModel.reason(requestWith({ gpuModels: ['t4', 'tesla t4'] }))).toBe('GPU model is not one of t4, tesla t4');
  });
});
