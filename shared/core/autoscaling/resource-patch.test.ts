import { describe, expect, it } from 'vitest';
import { resourceAnnotations, resourcePairOf, scalingChanges, targetedPair, type AmountPair } from './resource-patch.ts';

const GIB = 1024 ** 3;
const amounts = (tflops: number, vramGib: number, percent = 0) => ({ tflopsMilli: tflops * 1000, computePercentMilli: percent * 1000, vramBytes: vramGib * GIB });
const current: AmountPair = { requests: amounts(20, 4), limits: amounts(40, 8) };
const desired: AmountPair = { requests: amounts(30, 6), limits: amounts(60, 12) };

describe('Function: targetedPair()', () => {
  it.each([
    { name: 'all: both resources', target: 'all' as const, expected: desired },
    { name: 'compute: the compute keys only', target: 'compute' as const, expected: { requests: amounts(30, 4), limits: amounts(60, 8) } },
    { name: 'vram: the VRAM keys only', target: 'vram' as const, expected: { requests: amounts(20, 6), limits: amounts(40, 12) } },
  ])('$name', ({ target, expected }) => {
    expect(targetedPair(current, desired, target)).toEqual(expected);
  });
});

describe('Function: resourceAnnotations()', () => {
  it.each([
    {
      name: 'TFLOPS keys when the pair states TFLOPS', pair: current,
      expected: { 'tensor-fusion.ai/tflops-request': '20', 'tensor-fusion.ai/tflops-limit': '40', 'tensor-fusion.ai/vram-request': '4Gi', 'tensor-fusion.ai/vram-limit': '8Gi' },
    },
    {
      name: 'percent keys otherwise', pair: { requests: amounts(0, 1, 12.5), limits: amounts(0, 1.5, 25) },
      expected: { 'tensor-fusion.ai/compute-percent-request': '12.5', 'tensor-fusion.ai/compute-percent-limit': '25', 'tensor-fusion.ai/vram-request': '1Gi', 'tensor-fusion.ai/vram-limit': '1536Mi' },
    },
    { name: 'nothing for a resource left at zero on both sides', pair: { requests: amounts(0, 1), limits: amounts(0, 2) }, expected: { 'tensor-fusion.ai/vram-request': '1Gi', 'tensor-fusion.ai/vram-limit': '2Gi' } },
    { name: 'nothing at all for an empty pair', pair: { requests: amounts(0, 0), limits: amounts(0, 0) }, expected: {} },
  ])('$name', ({ pair, expected }) => {
    expect(resourceAnnotations(pair)).toEqual(expected);
  });
});

describe('Function: scalingChanges()', () => {
  it('lists the fields that moved, in the decision schema order', () => {
    expect(scalingChanges(current, { requests: amounts(20, 6), limits: amounts(60, 8) })).toEqual([
      { field: 'tflopsLimitMilli', from: 40_000, to: 60_000 },
      { field: 'vramRequestBytes', from: 4 * GIB, to: 6 * GIB },
    ]);
    expect(scalingChanges(current, current)).toEqual([]);
  });
});

describe('Function: resourcePairOf()', () => {
  it.each([
    { name: 'reads back what resourceAnnotations writes', annotations: resourceAnnotations(current), expected: current },
    { name: 'percent keys', annotations: resourceAnnotations({ requests: amounts(0, 1, 12.5), limits: amounts(0, 2, 25) }), expected: { requests: amounts(0, 1, 12.5), limits: amounts(0, 2, 25) } },
    {
      name: 'missing or unreadable keys count as 0; other keys are ignored',
      annotations: { 'tensor-fusion.ai/tflops-limit': '4GB', 'tensor-fusion.ai/vram-limit': '2Gi', 'tensor-fusion.ai/qos': 'nonsense' },
      expected: { requests: amounts(0, 0), limits: amounts(0, 2) },
    },
    { name: 'no resource keys at all', annotations: {}, expected: { requests: amounts(0, 0), limits: amounts(0, 0) } },
  ])('$name', ({ annotations, expected }) => {
    expect(resourcePairOf(annotations)).toEqual(expected);
  });
});
