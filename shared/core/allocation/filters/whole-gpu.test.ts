import { describe, expect, it } from 'vitest';
import { createAllocationContext } from '../allocation-context.ts';
import { gpuWith, nodeWith, nodeWithShares, requestWith } from '../../../../test/fixtures/allocation.ts';
import { wholeGpu } from './whole-gpu.ts';

describe('Filter: whole-gpu', () => {
  const node = nodeWithShares('n', [0, 100], {});
  const held = { ...nodeWith('n', 0, {}), gpus: [gpuWith({ wholeGpuTaken: true }), gpuWith({ index: 1, allocations: 1 })] };

  it.each([
    { name: 'every GPU for a shared request', target: node, dedicated: false, kept: 0b11 },
    { name: 'only idle GPUs for a dedicated request', target: node, dedicated: true, kept: 0b01 },
    { name: 'no GPU that is held or has a worker', target: held, dedicated: true, kept: 0 },
  ])('keeps $name', ({ target, dedicated, kept }) => {
    expect(wholeGpu.keepGpus(target, 0b11, createAllocationContext(requestWith({ dedicatedGpu: dedicated })))).toBe(kept);
  });

  it('names itself', () => {
    expect(wholeGpu.name).toBe('whole-gpu');
    expect(wholeGpu.reason(requestWith({}))).toContain('dedicated-GPU request takes a whole GPU');
  });
});
