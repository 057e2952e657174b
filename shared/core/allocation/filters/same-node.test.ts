import { describe, expect, it } from 'vitest';
import { createAllocationContext } from '../allocation-context.ts';
import { nodeWith, requestWith } from '../../../../test/fixtures/allocation.ts';
import { sameNode } from './same-node.ts';

describe('Filter: same-node', () => {
  it.each([
    { name: 'a node with enough GPUs left', gpuCount: 4, candidates: 4, kept: true },
    { name: 'a node with too few', gpuCount: 4, candidates: 3, kept: false },
    { name: 'any node for a CPU-only request', gpuCount: 0, candidates: 0, kept: true },
  ])('keeps $name: $kept', ({ gpuCount, candidates, kept }) => {
    expect(sameNode.keepNode(nodeWith('n', 8, {}), createAllocationContext(requestWith({ gpuCount })), candidates)).toBe(kept);
  });

  it('names itself and the count', () => {
    expect(sameNode.name).toBe('same-node');
    expect(sameNode.reason(requestWith({ gpuCount: 4 }))).toBe('node has fewer than 4 GPUs that passed the filters');
  });
});
