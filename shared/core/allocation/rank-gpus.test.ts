import { describe, expect, it } from 'vitest';
import { topGpus } from './rank-gpus.ts';
import { nodeWithShares } from '../../../test/fixtures/allocation.ts';

describe('Function: topGpus()', () => {
  const node = nodeWithShares('n', [300, 100, 300, 700], {});
  const used = (gpu: { used: { tflopsMilli: number } }) => gpu.used.tflopsMilli;

  it.each([
    { name: 'the highest scores, ties to the lower position', mask: 0b1111, count: 2, expected: [3, 0] },
    { name: 'only candidates', mask: 0b0110, count: 1, expected: [2] },
    { name: 'every candidate when there are no more than asked', mask: 0b1010, count: 2, expected: [1, 3] },
    { name: 'nothing for a CPU-only request', mask: 0b1111, count: 0, expected: [] },
  ])('picks $name', ({ mask, count, expected }) => {
    expect(topGpus(node, mask, { count, score: used })).toEqual(expected);
  });
});
