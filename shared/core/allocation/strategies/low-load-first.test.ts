import { describe, expect, it } from 'vitest';
import { allocate } from '../allocate.ts';
import { nodeWithShares, percentShare, requestWith } from '../../../../test/fixtures/allocation.ts';
import { lowLoadFirst } from './low-load-first.ts';

describe('Strategy: low-load-first', () => {
  it('places on the least used node, on its least used GPU', () => {
    const snapshot = { nodes: [nodeWithShares('heavy', [600, 300, 0], {}), nodeWithShares('light', [200, 0], {})] };
    const placed = allocate(snapshot, requestWith({ perGpu: percentShare(30) }), lowLoadFirst);
    expect(placed).toMatchObject({ kind: 'placed', node: 'light', gpus: [{ uuid: 'light-gpu1' }] });
    expect(lowLoadFirst.name).toBe('low-load-first');
  });
});
