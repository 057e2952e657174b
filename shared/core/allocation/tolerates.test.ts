import { describe, expect, it } from 'vitest';
import type { NodeTaint, Toleration } from '../../schemas/node-scheduling.ts';
import { toleratesTaint, untoleratedTaint } from './tolerates.ts';

const gpuTaint: NodeTaint = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' };

describe('Function: toleratesTaint()', () => {
  it.each([
    { name: 'Equal with key, value and effect', toleration: { key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' }, tolerates: true },
    { name: 'Equal is the default operator', toleration: { key: 'nvidia.com/gpu', value: 'present' }, tolerates: true },
    { name: 'Equal with another value', toleration: { key: 'nvidia.com/gpu', operator: 'Equal', value: 'absent' }, tolerates: false },
    { name: 'Equal without a value against a valued taint', toleration: { key: 'nvidia.com/gpu', operator: 'Equal' }, tolerates: false },
    { name: 'Equal with another key', toleration: { key: 'dedicated', operator: 'Equal', value: 'present' }, tolerates: false },
    { name: 'Exists with the key, any value', toleration: { key: 'nvidia.com/gpu', operator: 'Exists' }, tolerates: true },
    { name: 'Exists with another key', toleration: { key: 'dedicated', operator: 'Exists' }, tolerates: false },
    { name: 'Exists with an empty key tolerates every taint', toleration: { operator: 'Exists' }, tolerates: true },
    { name: 'Exists with an empty key and the effect', toleration: { key: '', operator: 'Exists', effect: 'NoSchedule' }, tolerates: true },
    { name: 'Exists with an empty key and another effect', toleration: { operator: 'Exists', effect: 'NoExecute' }, tolerates: false },
    { name: 'the same effect', toleration: { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }, tolerates: true },
    { name: 'another effect', toleration: { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'PreferNoSchedule' }, tolerates: false },
    { name: 'an empty effect matches every effect', toleration: { key: 'nvidia.com/gpu', operator: 'Exists', effect: '' }, tolerates: true },
  ] satisfies { name: string; toleration: Toleration; tolerates: boolean }[])('$name: $tolerates', ({ toleration, tolerates }) => {
    expect(toleratesTaint(toleration, gpuTaint)).toBe(tolerates);
  });

  it('Equal without a value tolerates a taint without a value', () => {
    expect(toleratesTaint({ key: 'spot', operator: 'Equal' }, { key: 'spot', effect: 'NoExecute' })).toBe(true);
    expect(toleratesTaint({ key: 'spot', value: '' }, { key: 'spot', value: 'x', effect: 'NoExecute' })).toBe(false);
  });
});

describe('Function: untoleratedTaint()', () => {
  const spot: NodeTaint = { key: 'spot', effect: 'NoExecute' };
  const soft: NodeTaint = { key: 'busy', effect: 'PreferNoSchedule' };
  it.each([
    { name: 'no taints', taints: [], tolerations: [], untolerated: undefined },
    { name: 'only a PreferNoSchedule taint', taints: [soft], tolerations: [], untolerated: undefined },
    { name: 'a NoSchedule taint, no tolerations', taints: [soft, gpuTaint], tolerations: [], untolerated: gpuTaint },
    { name: 'a NoExecute taint, no tolerations', taints: [spot], tolerations: [], untolerated: spot },
    { name: 'both tolerated, one toleration each', taints: [gpuTaint, spot], tolerations: [{ key: 'spot', operator: 'Exists' }, { key: 'nvidia.com/gpu', value: 'present' }], untolerated: undefined },
    { name: 'one of two tolerated', taints: [gpuTaint, spot], tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }], untolerated: spot },
    { name: 'everything tolerated by an empty key with Exists', taints: [gpuTaint, spot], tolerations: [{ operator: 'Exists' }], untolerated: undefined },
  ] satisfies { name: string; taints: NodeTaint[]; tolerations: Toleration[]; untolerated: NodeTaint | undefined }[])('$name', ({ taints, tolerations, untolerated }) => {
    expect(untoleratedTaint(taints, tolerations)).toEqual(untolerated);
  });
});
