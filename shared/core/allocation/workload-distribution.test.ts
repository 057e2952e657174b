import { describe, expect, it } from 'vitest';
import { percentShare, requestWith } from '../../../test/fixtures/allocation.ts';
import { requestClassKey, workloadDistribution } from './workload-distribution.ts';

const half = requestWith({ perGpu: percentShare(50) });
const whole = requestWith({ perGpu: percentShare(100), gpuCount: 2 });
const cpuOnly = requestWith({ gpuCount: 0, perGpu: percentShare(0), cpuMilli: 8000 });

describe('Function: requestClassKey()', () => {
  it.each([
    { name: 'equal for the same request in another object', left: half, right: requestWith({ perGpu: percentShare(50) }), equal: true },
    { name: 'equal for models in another order', left: requestWith({ gpuModels: ['a', 'b'] }), right: requestWith({ gpuModels: ['b', 'a'] }), equal: true },
    { name: 'different for another vendor', left: requestWith({ vendor: 'NVIDIA' }), right: requestWith({}), equal: false },
    { name: 'different for other CPU', left: requestWith({ cpuMilli: 1 }), right: requestWith({}), equal: false },
  ])('is $name', ({ left, right, equal }) => {
    expect(requestClassKey(left) === requestClassKey(right)).toBe(equal);
  });
});

describe('Function: workloadDistribution()', () => {
  it('counts identical requests as one class, most popular first, leaving out CPU-only requests', () => {
    const { classes } = workloadDistribution([half, cpuOnly, whole, half, requestWith({ perGpu: percentShare(50) }), whole]);
    expect(classes.map((entry) => [entry.request, entry.popularity])).toEqual([[half, 0.6], [whole, 0.4]]);
  });

  it('orders classes of equal count by key, so the result does not hang on input order', () => {
    const one = workloadDistribution([half, whole]).classes.map((entry) => entry.request);
    const other = workloadDistribution([whole, half]).classes.map((entry) => entry.request);
    expect(one).toEqual(other);
  });

  it.each([
    { name: 'keeps the most popular classes that cover the share asked, renormalised', coverage: 0.5, expected: [[half, 1]] },
    { name: 'keeps at least one class', coverage: 0, expected: [[half, 1]] },
    { name: 'keeps every class by default', coverage: undefined, expected: [[half, 0.75], [whole, 0.25]] },
  ])('$name', ({ coverage, expected }) => {
    const options = coverage === undefined ? {} : { coverage };
    const { classes } = workloadDistribution([half, half, half, whole], options);
    expect(classes.map((entry) => [entry.request, entry.popularity])).toEqual(expected);
  });

  it('is empty without GPU requests', () => {
    expect(workloadDistribution([cpuOnly])).toEqual({ classes: [] });
  });
});
