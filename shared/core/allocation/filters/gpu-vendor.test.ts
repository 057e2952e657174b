import { describe, expect, it } from 'vitest';
import { createAllocationContext } from '../allocation-context.ts';
import { gpuWith, nodeWith, requestWith } from '../../../../test/fixtures/allocation.ts';
import { gpuVendor } from './gpu-vendor.ts';

describe('Filter: gpu-vendor', () => {
  const node = { ...nodeWith('n', 0, {}), gpus: [gpuWith({ vendor: 'NVIDIA' }), gpuWith({ index: 1, vendor: 'AMD' })] };

  it.each([
    { name: 'every GPU for any vendor', vendor: undefined, kept: 0b11 },
    { name: 'the NVIDIA GPU, same spelling', vendor: 'NVIDIA', kept: 0b01 },
    { name: 'the AMD GPU, any case', vendor: 'amd', kept: 0b10 },
    { name: 'none for another vendor', vendor: 'Intel', kept: 0 },
  ])('keeps $name', ({ vendor, kept }) => {
    expect(gpuVendor.keepGpus(node, 0b11, createAllocationContext(requestWith({ vendor })))).toBe(kept);
  });

  it('names itself and the vendor', () => {
    expect(gpuVendor.name).toBe('gpu-vendor');
    expect(gpuVendor.reason(requestWith({ vendor: 'AMD' }))).toBe('GPU vendor is not AMD');
    expect(gpuVendor.reason(requestWith({}))).toBe('GPU vendor is not ');
  });
});
