import { describe, expect, it } from 'vitest';
import { createAllocationContext } from './allocation-context.ts';
import { chooseByScores, freeScore, usedScore } from './tf-scores.ts';
import { gpuWith, nodeWith, nodeWithShares, requestWith, withShareUsed } from '../../../test/fixtures/allocation.ts';

const GIB = 2 ** 30;

describe('Function: freeScore(), usedScore()', () => {
  it.each([
    { name: 'an idle GPU', gpu: gpuWith({}), free: 100, used: 0 },
    { name: 'a GPU 46 % booked', gpu: withShareUsed(gpuWith({}), 460), free: 54, used: 46 },
    { name: 'VRAM weighs 0.7, TFLOPS 0.3', gpu: gpuWith({ used: { tflopsMilli: 312_000, vramBytes: 0 } }), free: 70, used: 30 },
    { name: 'a GPU a dedicated worker holds', gpu: gpuWith({ wholeGpuTaken: true }), free: 0, used: 100 },
    { name: 'an overbooked GPU, clamped', gpu: gpuWith({ used: { tflopsMilli: 624_000, vramBytes: 80 * GIB } }), free: 0, used: 100 },
    { name: 'a GPU without capacity', gpu: gpuWith({ capacity: { tflopsMilli: 0, vramBytes: 0 } }), free: 0, used: 100 },
  ])('scores $name', ({ gpu, free, used }) => {
    expect(freeScore(gpu)).toBe(free);
    expect(usedScore(gpu)).toBe(used);
  });
});

describe('Function: chooseByScores()', () => {
  const candidates = {
    nodes: [nodeWithShares('light', [100, 0], {}), nodeWithShares('heavy', [800, 200, 0, 0], {}), nodeWith('empty', 0, {})],
    masks: [0b11, 0b1111, 0],
  };

  it.each([
    { name: 'the fullest node and GPUs', scores: { node: usedScore, gpu: usedScore }, gpuCount: 2, expected: { node: 1, gpus: [0, 1] } },
    { name: 'the emptiest node and GPUs', scores: { node: freeScore, gpu: freeScore }, gpuCount: 1, expected: { node: 0, gpus: [1] } },
    { name: 'the fullest node, its emptiest GPUs', scores: { node: usedScore, gpu: freeScore }, gpuCount: 2, expected: { node: 1, gpus: [2, 3] } },
  ])('picks $name', ({ scores, gpuCount, expected }) => {
    expect(chooseByScores(candidates, createAllocationContext(requestWith({ gpuCount })), scores)).toEqual(expected);
  });

  it('keeps the first node on a tie, and scores a node without GPUs 0', () => {
    const tied = { nodes: [nodeWith('a', 1, {}), nodeWith('b', 1, {}), nodeWith('c', 0, {})], masks: [1, 1, 0] };
    expect(chooseByScores(tied, createAllocationContext(requestWith({ gpuCount: 0 })), { node: freeScore, gpu: freeScore })).toEqual({ node: 0, gpus: [] });
  });
});
