import { describe, expect, it } from 'vitest';
import { allocate } from '../allocate.ts';
import { nodeWith, requestWith } from '../../../../test/fixtures/allocation.ts';
import { createRandom } from './random.ts';

/** A source that returns the given draws in turn. */
const draws = (values: readonly number[]) => {
  let next = 0;
  return () => values[next++ % values.length] as number;
};

describe('Strategy: random', () => {
  const snapshot = { nodes: [nodeWith('a', 4, {}), nodeWith('b', 4, {}), nodeWith('c', 4, {})] };

  it.each([
    { name: 'the node and GPUs the draws point at', values: [0.5, 0.99, 0.0], gpuCount: 2, node: 'b', gpus: ['b-gpu3', 'b-gpu0'] },
    { name: 'the last candidate for a draw of 1 (a bad source)', values: [1, 1], gpuCount: 1, node: 'c', gpus: ['c-gpu3'] },
    { name: 'no GPU for a CPU-only request', values: [0], gpuCount: 0, node: 'a', gpus: [] },
  ])('picks $name', ({ values, gpuCount, node, gpus }) => {
    const strategy = createRandom(draws(values));
    expect(strategy.name).toBe('random');
    expect(allocate(snapshot, requestWith({ gpuCount }), strategy)).toMatchObject({ kind: 'placed', node, gpus: gpus.map((uuid) => ({ uuid })) });
  });
});
