import { describe, expect, it } from 'vitest';
import { createAllocationContext } from '../allocation-context.ts';
import { nodeWith, requestWith } from '../../../../test/fixtures/allocation.ts';
import { nodeResources } from './node-resources.ts';

describe('Filter: node-resources', () => {
  const tracked = nodeWith('n', 1, { cpuFreeMilli: 8000, memoryFreeMiB: 16_384 });

  it.each([
    { name: 'a request that takes no CPU or memory', node: tracked, cpu: 0, memory: 0, kept: true },
    { name: 'a request that fits exactly', node: tracked, cpu: 8000, memory: 16_384, kept: true },
    { name: 'too much CPU', node: tracked, cpu: 8001, memory: 0, kept: false },
    { name: 'too much memory', node: tracked, cpu: 0, memory: 16_385, kept: false },
    { name: 'any request where the node tracks neither', node: nodeWith('n', 1, {}), cpu: 1e9, memory: 1e9, kept: true },
  ])('keeps a node for $name: $kept', ({ node, cpu, memory, kept }) => {
    expect(nodeResources.keepNode(node, createAllocationContext(requestWith({ cpuMilli: cpu, memoryMiB: memory })), 1)).toBe(kept);
  });

  it('names itself and the amounts', () => {
    expect(nodeResources.name).toBe('node-resources');
    expect(nodeResources.reason(requestWith({ cpuMilli: 4000, memoryMiB: 512 }))).toBe('node has less than 4000m CPU or 512Mi memory free');
  });
});
