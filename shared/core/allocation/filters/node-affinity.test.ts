import { describe, expect, it } from 'vitest';
import { createAllocationContext } from '../allocation-context.ts';
import { nodeWith, requestWith } from '../../../../test/fixtures/allocation.ts';
import { nodeAffinity } from './node-affinity.ts';

describe('Filter: node-affinity', () => {
  const node = nodeWith('n', 1, { labels: { zone: 'a', 'gpu.class': 'big' } });

  it.each([
    { name: 'any node without a selector', selector: {}, kept: true },
    { name: 'a node with every label', selector: { zone: 'a', 'gpu.class': 'big' }, kept: true },
    { name: 'a node with another value', selector: { zone: 'b' }, kept: false },
    { name: 'a node without the label', selector: { rack: '7' }, kept: false },
  ])('keeps $name: $kept', ({ selector, kept }) => {
    expect(nodeAffinity.keepNode(node, createAllocationContext(requestWith({ nodeSelector: selector })), 1)).toBe(kept);
  });

  it('names itself and the labels', () => {
    expect(nodeAffinity.name).toBe('node-affinity');
    expect(nodeAffinity.reason(requestWith({ nodeSelector: { zone: 'a', rack: '7' } }))).toBe('node lacks the labels zone=a, rack=7');
  });
});
