import { describe, expect, it } from 'vitest';
import { placeReplayPods } from './place-replay-pods.ts';

describe('Function: placeReplayPods()', () => {
  const gpus = [{ node: 'n0', uuid: 'g0' }, { node: 'n0', uuid: 'g1' }, { node: 'n1', uuid: 'g2' }];

  it('gives pods sorted by id the GPUs round-robin', () => {
    const placed = placeReplayPods(['c', 'a', 'd', 'b'], gpus);
    expect([...placed].map(([pod, gpu]) => `${pod}:${gpu.uuid}`)).toEqual(['a:g0', 'b:g1', 'c:g2', 'd:g0']);
  });

  it('is the same whatever the input order, and ignores repeated ids', () => {
    expect(placeReplayPods(['b', 'a', 'b'], gpus)).toEqual(placeReplayPods(['a', 'b'], gpus));
  });

  it('places nothing without GPUs', () => {
    expect(placeReplayPods(['a'], []).size).toBe(0);
  });
});
