import { describe, expect, it } from 'vitest';
import { allocationWith, booked, GIB, ledgerWith } from '../../../test/fixtures/ledger.ts';
import { distributionKey, observedWorkload } from './observed-workload.ts';

const popularity = (distribution: ReturnType<typeof observedWorkload>) =>
  distribution.classes.map((entry) => [entry.request.gpuCount, entry.request.perGpu.tflopsMilli, entry.request.perGpu.vramBytes, entry.request.dedicatedGpu, entry.popularity]);

describe('Function: observedWorkload()', () => {
  it.each([
    { name: 'an empty pool plans for nothing', ledgers: [ledgerWith('n1', 2)], classes: [] },
    {
      name: 'one class per kind of allocation, weighted by how many there are, across nodes',
      ledgers: [
        ledgerWith('n1', 2, { allocations: [allocationWith('a', [booked('n1-gpu0', 10, 4)]), allocationWith('b', [booked('n1-gpu0', 10, 4)])] }),
        ledgerWith('n2', 2, { allocations: [allocationWith('c', [booked('n2-gpu0', 10, 4)]), allocationWith('d', [booked('n2-gpu0', 312, 80), booked('n2-gpu1', 312, 80)], { dedicated: true })] }),
      ],
      classes: [[1, 10_000, 4 * GIB, false, 0.75], [2, 312_000, 80 * GIB, true, 0.25]],
    },
  ])('$name', ({ ledgers, classes }) => {
    expect(popularity(observedWorkload(ledgers))).toEqual(classes);
  });

  it('keeps the classes that cover 95 % of the allocations', () => {
    const many = Array.from({ length: 39 }, (_, at) => allocationWith(`p${at}`, [booked('n1-gpu0', 10, 1)]));
    const rare = allocationWith('rare', [booked('n1-gpu1', 20, 1)]);
    expect(popularity(observedWorkload([ledgerWith('n1', 2, { allocations: [...many, rare] })]))).toEqual([[1, 10_000, GIB, false, 1]]);
  });
});

describe('Function: distributionKey()', () => {
  const mix = (small: number, large: number) => observedWorkload([ledgerWith('n1', 2, { allocations: [
    ...Array.from({ length: small }, (_, at) => allocationWith(`s${at}`, [booked('n1-gpu0', 10, 1)])),
    ...Array.from({ length: large }, (_, at) => allocationWith(`l${at}`, [booked('n1-gpu1', 100, 8)])),
  ] })]);

  it.each([
    { name: 'the same mix at another scale keeps its key', a: mix(1, 1), b: mix(10, 10), same: true },
    { name: 'a popularity shift under 2.5 % keeps its key', a: mix(50, 50), b: mix(51, 49), same: true },
    { name: 'a shift of 10 % changes it', a: mix(50, 50), b: mix(60, 40), same: false },
    { name: 'a new class changes it', a: mix(10, 0), b: mix(10, 10), same: false },
    {
      name: 'a dedicated allocation is another class than a shared one of the same size',
      a: observedWorkload([ledgerWith('n1', 1, { allocations: [allocationWith('x', [booked('n1-gpu0', 312, 80)])] })]),
      b: observedWorkload([ledgerWith('n1', 1, { allocations: [allocationWith('x', [booked('n1-gpu0', 312, 80)], { dedicated: true })] })]),
      same: false,
    },
  ])('$name', ({ a, b, same }) => {
    expect(distributionKey(a) === distributionKey(b)).toBe(same);
  });
});
