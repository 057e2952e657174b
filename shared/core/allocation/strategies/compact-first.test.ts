import { describe, expect, it } from 'vitest';
import { allocate } from '../allocate.ts';
import { nodeWithShares, percentShare, requestWith } from '../../../../test/fixtures/allocation.ts';
import { compactFirst } from './compact-first.ts';

describe('Strategy: compact-first', () => {
  it('places on the most used node, on its most used GPU that fits', () => {
    const snapshot = { nodes: [nodeWithShares('light', [200, 0], {}), nodeWithShares('heavy', [600, 300, 0], {})] };
    const placed = allocate(snapshot, requestWith({ perGpu: percentShare(30) }), compactFirst);
    expect(placed).toMatchObject({ kind: 'placed', node: 'heavy', gpus: [{ uuid: 'heavy-gpu0' }] });
    expect(compactFirst.name).toBe('compact-first');
  });
});
