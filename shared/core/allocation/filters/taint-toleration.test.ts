import { describe, expect, it } from 'vitest';
import type { NodeTaint, Toleration } from '../../../schemas/node-scheduling.ts';
import { createAllocationContext } from '../allocation-context.ts';
import { nodeWith, requestWith } from '../../../../test/fixtures/allocation.ts';
import { taintToleration } from './taint-toleration.ts';

const dedicated: NodeTaint = { key: 'dedicated', value: 'training', effect: 'NoSchedule' };

describe('Filter: taint-toleration', () => {
  it.each([
    { name: 'a node without known taints', taints: undefined, tolerations: [], kept: true },
    { name: 'an untainted node', taints: [], tolerations: [], kept: true },
    { name: 'a tainted node, not tolerated', taints: [dedicated], tolerations: [], kept: false },
    { name: 'a tainted node, tolerated', taints: [dedicated], tolerations: [{ key: 'dedicated', value: 'training', effect: 'NoSchedule' }], kept: true },
    { name: 'a tainted node, another value tolerated', taints: [dedicated], tolerations: [{ key: 'dedicated', value: 'inference' }], kept: false },
  ] satisfies { name: string; taints: NodeTaint[] | undefined; tolerations: Toleration[]; kept: boolean }[])('keeps $name: $kept', ({ taints, tolerations, kept }) => {
    const node = nodeWith('n', 1, taints === undefined ? {} : { taints });
    expect(taintToleration.keepNode(node, createAllocationContext(requestWith({ tolerations })), 1)).toBe(kept);
  });

  it('names itself and the tolerations', () => {
    expect(taintToleration.name).toBe('taint-toleration');
    expect(taintToleration.reason(requestWith({ tolerations: [{ operator: 'Exists', key: 'a' }] }))).toBe('node has a NoSchedule or NoExecute taint the pod\'s 1 toleration(s) do not tolerate');
  });
});
