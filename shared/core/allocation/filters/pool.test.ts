import { describe, expect, it } from 'vitest';
import { createAllocationContext } from '../allocation-context.ts';
import { nodeWith, requestWith } from '../../../../test/fixtures/allocation.ts';
import { pool } from './pool.ts';

describe('Filter: pool', () => {
  it.each([
    { name: 'any pool when none is asked', asked: undefined, kept: true },
    { name: 'the node of the asked pool', asked: 'default-pool', kept: true },
    { name: 'a node of another pool', asked: 'training', kept: false },
  ])('keeps $name: $kept', ({ asked, kept }) => {
    expect(pool.keepNode(nodeWith('n', 1, {}), createAllocationContext(requestWith({ pool: asked })), 1)).toBe(kept);
  });

  it('names itself and the pool', () => {
    expect(pool.name).toBe('pool');
    expect(pool.reason(requestWith({ pool: 'training' }))).toBe('node is not in pool training');
    expect(pool.reason(requestWith({}))).toBe('node is not in pool ');
  });
});
