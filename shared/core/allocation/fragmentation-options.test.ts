import { describe, expect, it } from 'vitest';
import { createFragmentationMeter } from './fragmentation.ts';
import { bestNodeOption, betterOption } from './fragmentation-options.ts';
import { nodeWith, nodeWithShares, percentShare, requestWith } from '../../../test/fixtures/allocation.ts';

const halfGpu = requestWith({ perGpu: percentShare(50) });
const twoGpus = requestWith({ perGpu: percentShare(100), gpuCount: 2 });
const meter = createFragmentationMeter({ classes: [{ request: halfGpu, popularity: 0.5 }, { request: twoGpus, popularity: 0.5 }] });

describe('Function: betterOption()', () => {
  const option = { gpus: [], growth: 10, left: 500 };
  it.each([
    { name: 'anything beats nothing', best: undefined, better: true },
    { name: 'less growth wins', best: { ...option, growth: 11, left: 0 }, better: true },
    { name: 'more growth loses', best: { ...option, growth: 9, left: 900 }, better: false },
    { name: 'on equal growth, less left wins', best: { ...option, left: 600 }, better: true },
    { name: 'on equal growth and left, the first stays', best: option, better: false },
  ])('$name', ({ best, better }) => {
    expect(betterOption(option, best)).toBe(better);
  });
});

describe('Function: bestNodeOption()', () => {
  it.each([
    {
      name: 'a half GPU fills a half-used GPU rather than break the pair of idle ones',
      node: nodeWithShares('n', [0, 0, 500], {}), mask: 0b111, request: halfGpu, gpus: [2], growth: -0.5 * 500, left: 2000,
    },
    {
      name: 'whole GPUs go to the fullest candidates that fit, as the simulator packs them',
      node: nodeWithShares('n', [0, 500, 0, 0], {}), mask: 0b1101, request: twoGpus, gpus: [0, 2], growth: 0.5 * 1500 - 0.5 * 500, left: 1500,
    },
    {
      name: 'a dedicated request takes all that is free on its GPU',
      node: nodeWithShares('n', [0, 0], {}), mask: 0b11, request: requestWith({ dedicatedGpu: true }), gpus: [0], growth: 0.5 * 1000, left: 1000,
    },
    {
      name: 'a CPU-only request changes only CPU and memory',
      node: nodeWith('n', 2, { cpuFreeMilli: 4000 }), mask: 0b11, request: requestWith({ gpuCount: 0, cpuMilli: 1000 }), gpus: [], growth: 0, left: 2000,
    },
  ])('$name', ({ node, mask, request, gpus, growth, left }) => {
    const option = bestNodeOption(node, mask, { meter, request });
    expect(option.gpus).toEqual(gpus);
    expect(option.growth).toBeCloseTo(growth, 9);
    expect(option.left).toBeCloseTo(left, 9);
  });
});
