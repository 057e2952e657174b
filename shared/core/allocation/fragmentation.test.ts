import { describe, expect, it } from 'vitest';
import { createFragmentationMeter } from './fragmentation.ts';
import { gpuWith, nodeWith, nodeWithShares, percentShare, requestWith } from '../../../test/fixtures/allocation.ts';
import type { WorkloadDistribution } from './workload-distribution.ts';

const halfGpu = requestWith({ perGpu: percentShare(50), cpuMilli: 4000 });
const twoGpus = requestWith({ perGpu: percentShare(100), gpuCount: 2, cpuMilli: 16_000 });
const even: WorkloadDistribution = { classes: [{ request: halfGpu, popularity: 0.5 }, { request: twoGpus, popularity: 0.5 }] };

describe('Function: createFragmentationMeter()', () => {
  const meter = createFragmentationMeter(even);

  it.each([
    { name: 'an idle node every class fits', node: nodeWith('n', 2, {}), expected: 0 },
    { name: 'a node the two-GPU class no longer fits (all its free share)', node: nodeWithShares('n', [500, 0], {}), expected: 0.5 * 1500 },
    { name: 'a GPU too full for the half-GPU class as well', node: nodeWithShares('n', [700, 0], {}), expected: 0.5 * 300 + 0.5 * 1300 },
    { name: 'a full node', node: nodeWithShares('n', [1000, 1000], {}), expected: 0 },
    { name: 'a node without GPUs', node: nodeWith('n', 0, { cpuFreeMilli: 0 }), expected: 0 },
    {
      // 8 milli-cores per thousandth of a GPU: (0.5 x 4000 + 0.5 x 16000) / (0.5 x 500 + 0.5 x 2 x 1000).
      name: 'CPU for half its GPUs: 1000 stranded, and the two-GPU class does not fit',
      node: nodeWith('n', 2, { cpuFreeMilli: 8000 }), expected: 1000 + 0.5 * 2000,
    },
    { name: 'no memory for either class (the workload asks none per GPU, so nothing stranded)', node: nodeWith('n', 2, { memoryFreeMiB: -1 }), expected: 2000 },
  ])('measures $name', ({ node, expected }) => {
    expect(meter.current(node)).toBeCloseTo(expected, 9);
  });

  it('counts a GPU a class may not use (model or vendor) as unusable to it', () => {
    const picky = createFragmentationMeter({
      classes: [
        { request: requestWith({ perGpu: percentShare(10), gpuModels: ['t4'] }), popularity: 0.5 },
        { request: requestWith({ perGpu: percentShare(10), vendor: 'amd' }), popularity: 0.25 },
        { request: requestWith({ perGpu: percentShare(10), vendor: 'nvidia', memoryMiB: 2048 }), popularity: 0.25 },
      ],
    });
    expect(picky.current(nodeWith('n', 1, { memoryFreeMiB: 20_480 }))).toBeCloseTo(0.5 * 1000 + 0.25 * 1000, 9);
    // The one class that may use an A100 brings 20.48 MiB per thousandth (0.25 x 2048 / 0.25 x 100): 4096 MiB feed 200.
    expect(picky.current(nodeWith('m', 1, { memoryFreeMiB: 4096 }))).toBeCloseTo(750 + 800, 9);
  });

  it('feeds every GPU when no class may use the kind', () => {
    const none = createFragmentationMeter({ classes: [{ request: requestWith({ gpuModels: ['t4'], cpuMilli: 1000 }), popularity: 1 }] });
    expect(none.current(nodeWith('n', 1, { cpuFreeMilli: 0 }))).toBe(1000);
  });

  it('measures changed shapes, such as a node after a placement', () => {
    const shape = meter.shape(nodeWith('n', 2, {}));
    expect(meter.measure({ ...shape, free: Float64Array.from([500, 1000]) })).toBeCloseTo(750, 9);
  });

  it.each([
    { name: 'equal for nodes in the same state, whatever their name', left: nodeWith('a', 2, {}), right: nodeWith('b', 2, {}), equal: true },
    { name: 'different for other free shares', left: nodeWithShares('a', [100, 0], {}), right: nodeWith('a', 2, {}), equal: false },
    { name: 'different for other CPU', left: nodeWith('a', 2, { cpuFreeMilli: 1 }), right: nodeWith('a', 2, {}), equal: false },
    { name: 'different for other memory', left: nodeWith('a', 2, { memoryFreeMiB: 1 }), right: nodeWith('a', 2, {}), equal: false },
    {
      name: 'different for another GPU kind',
      left: nodeWith('a', 2, {}), right: { ...nodeWith('a', 2, {}), gpus: [gpuWith({}), gpuWith({ index: 1, model: 'T4', capacity: { tflopsMilli: 65_000, vramBytes: 2 ** 34 } })] },
      equal: false,
    },
  ])('keys node states: $name', ({ left, right, equal }) => {
    expect(meter.stateKey(left) === meter.stateKey(right)).toBe(equal);
    expect(meter.stateKey(left)).toBe(meter.stateKey(left));
  });

  it('gives a node of two models each GPU its own kind', () => {
    const mixed = { ...nodeWith('n', 0, {}), gpus: [gpuWith({ model: 'T4' }), gpuWith({ index: 1 }), gpuWith({ index: 2 })] };
    const kinds = meter.shape(mixed).kinds;
    expect(kinds[0]).not.toBe(kinds[1]);
    expect(kinds[1]).toBe(kinds[2]);
  });
});
