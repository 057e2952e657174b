import { describe, expect, it } from 'vitest';
import { createAllocationContext } from '../allocation-context.ts';
import { nodeWith, nodeWithShares, requestWith } from '../../../../test/fixtures/allocation.ts';
import { workerLimit } from './worker-limit.ts';

describe('Filter: worker-limit', () => {
  it.each([
    { name: 'every GPU below the node limit', node: nodeWith('n', 2, { workers: 255 }), perNode: 256, perGpu: 0, kept: 0b11 },
    { name: 'no GPU at the node limit', node: nodeWith('n', 2, { workers: 256 }), perNode: 256, perGpu: 0, kept: 0 },
    { name: 'every GPU without limits', node: nodeWith('n', 2, { workers: 10_000 }), perNode: 0, perGpu: 0, kept: 0b11 },
    { name: 'the GPUs below the GPU limit', node: nodeWithShares('n', [100, 0], {}), perNode: 0, perGpu: 1, kept: 0b10 },
  ])('keeps $name', ({ node, perNode, perGpu, kept }) => {
    const context = createAllocationContext(requestWith({ maxWorkersPerNode: perNode, maxWorkersPerGpu: perGpu }));
    expect(workerLimit.keepGpus(node, 0b11, context)).toBe(kept);
  });

  it('names itself and the limits', () => {
    expect(workerLimit.name).toBe('worker-limit');
    expect(workerLimit.reason(requestWith({}))).toBe('node holds 256 workers or GPU is shared by 0 (0 = no limit)');
  });
});
