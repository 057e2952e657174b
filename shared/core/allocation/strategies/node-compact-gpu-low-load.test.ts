import { describe, expect, it } from 'vitest';
import { allocate } from '../allocate.ts';
import { nodeWithShares, percentShare, requestWith } from '../../../../test/fixtures/allocation.ts';
import { nodeCompactGpuLowLoad } from './node-compact-gpu-low-load.ts';

describe('Strategy: node-compact-gpu-low-load', () => {
  it('places on the most used node, on its least used GPU', () => {
    const snapshot = { nodes: [nodeWithShares('light', [200, 0], {}), nodeWithShares('heavy', [600, 300, 100], {})] };
    const placed = allocate(snapshot, requestWith({ perGpu: percentShare(30) }), nodeCompactGpuLowLoad);
    expect(placed).toMatchObject({ kind: 'placed', node: 'heavy', gpus: [{ uuid: 'heavy-gpu2' }] });
    expect(nodeCompactGpuLowLoad.name).toBe('node-compact-gpu-low-load');
  });
});
