import { describe, expect, it } from 'vitest';
import { createAllocationContext } from './allocation-context.ts';
import { allowedModelNames } from './request-from-spec.ts';
import { requestWith } from '../../../test/fixtures/allocation.ts';

describe('Function: createAllocationContext()', () => {
  it('allows every model when the request names none', () => {
    expect(createAllocationContext(requestWith({})).allowsModel('anything')).toBe(true);
  });

  it.each([
    { name: 'the catalogue id', model: 'V100_16G', allowed: true },
    { name: 'an NVML name, any case', model: 'TESLA v100-sxm2-16gb', allowed: true },
    { name: 'another model', model: 'V100_32G', allowed: false },
  ])('matches $name against V100M16', ({ model, allowed }) => {
    const context = createAllocationContext(requestWith({ gpuModels: allowedModelNames(['V100M16']) }));
    expect(context.allowsModel(model)).toBe(allowed);
    expect(context.allowsModel(model)).toBe(allowed);
  });
});
