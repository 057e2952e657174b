import { describe, expect, it } from 'vitest';
import { createAllocationContext } from '../allocation-context.ts';
import { gpuWith, nodeWith, nodeWithShares, percentShare, requestWith } from '../../../../test/fixtures/allocation.ts';
import { gpuResources } from './gpu-resources.ts';

describe('Filter: gpu-resources', () => {
  const node = nodeWithShares('n', [0, 500, 700], {});

  it.each([
    { name: 'the GPUs with 40 % free', perGpu: percentShare(40), kept: 0b011 },
    { name: 'only the idle GPU for 60 %', perGpu: percentShare(60), kept: 0b001 },
    { name: 'every GPU for 10 TFLOPS and 4 GiB', perGpu: requestWith({}).perGpu, kept: 0b111 },
  ])('keeps $name', ({ perGpu, kept }) => {
    expect(gpuResources.keepGpus(node, 0b111, createAllocationContext(requestWith({ perGpu })))).toBe(kept);
  });

  it('keeps no GPU a dedicated worker holds, even for an empty request', () => {
    const held = { ...nodeWith('n', 0, {}), gpus: [gpuWith({ wholeGpuTaken: true })] };
    expect(gpuResources.keepGpus(held, 0b1, createAllocationContext(requestWith({ perGpu: percentShare(0) })))).toBe(0);
  });

  it('names itself', () => {
    expect(gpuResources.name).toBe('gpu-resources');
    expect(gpuResources.reason(requestWith({}))).toBe('GPU has less than the requested TFLOPS or VRAM free');
  });
});
