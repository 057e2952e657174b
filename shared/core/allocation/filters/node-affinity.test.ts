import { describe, expect, it } from 'vitest';
import { createAllocationContext } from '../allocation-context.ts';
import type { AllocationRequest } from '../allocation-request.ts';
import { nodeWith, requestWith } from '../../../../test/fixtures/allocation.ts';
import { nodeAffinity } from './node-affinity.ts';

const zoneIn = (...values: string[]) => ({ matchExpressions: [{ key: 'zone', operator: 'In' as const, values }] });

describe('Filter: node-affinity', () => {
  const labelled = nodeWith('n', 1, { labels: { zone: 'a', 'gpu.class': 'big' } });
  const unknown = nodeWith('u', 1, { labels: undefined });

  it.each([
    { name: 'any node without constraints', node: labelled, request: {}, kept: true },
    { name: 'a node with unknown labels for a pod without constraints', node: unknown, request: {}, kept: true },
    { name: 'a node with every nodeSelector label', node: labelled, request: { nodeSelector: { zone: 'a', 'gpu.class': 'big' } }, kept: true },
    { name: 'a node with another nodeSelector value', node: labelled, request: { nodeSelector: { zone: 'b' } }, kept: false },
    { name: 'a node without a nodeSelector label', node: labelled, request: { nodeSelector: { rack: '7' } }, kept: false },
    { name: 'a node one affinity term matches', node: labelled, request: { requiredNodeAffinity: [zoneIn('b'), zoneIn('a')] }, kept: true },
    { name: 'a node no affinity term matches', node: labelled, request: { requiredNodeAffinity: [zoneIn('b')] }, kept: false },
    { name: 'a node matching the affinity but not the nodeSelector', node: labelled, request: { nodeSelector: { zone: 'b' }, requiredNodeAffinity: [zoneIn('a')] }, kept: false },
    { name: 'a node with unknown labels for a nodeSelector', node: unknown, request: { nodeSelector: { zone: 'a' } }, kept: false },
    { name: 'a node with unknown labels for a NotIn affinity', node: unknown, request: { requiredNodeAffinity: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn' as const, values: ['b'] }] }] }, kept: false },
  ] satisfies { name: string; node: unknown; request: Partial<AllocationRequest>; kept: boolean }[])('keeps $name: $kept', ({ node, request, kept }) => {
    expect(nodeAffinity.keepNode(node, createAllocationContext(requestWith(request)), 1)).toBe(kept);
  });

  it.each([
    { name: 'the nodeSelector', request: { nodeSelector: { zone: 'a', rack: '7' } }, reason: 'node does not match the nodeSelector zone=a, rack=7, or its labels are not recorded yet' },
    { name: 'one term', request: { requiredNodeAffinity: [zoneIn('a')] }, reason: 'node does not match the required node affinity (1 term), or its labels are not recorded yet' },
    { name: 'both', request: { nodeSelector: { zone: 'a' }, requiredNodeAffinity: [zoneIn('a'), zoneIn('b')] }, reason: 'node does not match the nodeSelector zone=a and the required node affinity (2 terms), or its labels are not recorded yet' },
  ])('names itself and $name in its reason', ({ request, reason }) => {
    expect(nodeAffinity.name).toBe('node-affinity');
    expect(nodeAffinity.reason(requestWith(request))).toBe(reason);
  });
});
