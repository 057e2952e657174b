import { describe, expect, it } from 'vitest';
import { allocationWith, booked, GIB, ledgerGpu, ledgerWith } from '../../../test/fixtures/ledger.ts';
import { heldGpu } from './held-gpu.ts';

const h100 = { ...ledgerGpu('n1', 1), model: 'H100_SXM', capacity: { tflopsMilli: 989_000, vramBytes: 80 * GIB } };
const ledger = ledgerWith('n1', 1, {
  gpus: [ledgerGpu('n1', 0), h100],
  allocations: [allocationWith('a', [booked('n1-gpu1', 100, 10), booked('n1-gpu0', 100, 10)]), allocationWith('lost', [booked('n1-gpu7', 10, 1)])],
});

describe('Function: heldGpu()', () => {
  it.each([
    { name: 'the first GPU the pod books', podUid: 'a', expected: { vramBytes: 80 * GIB, tflops: 989 } },
    { name: 'a pod the ledger does not hold', podUid: 'nobody', expected: undefined },
    { name: 'a booking on a GPU the ledger no longer lists', podUid: 'lost', expected: undefined },
  ])('$name', ({ podUid, expected }) => {
    expect(heldGpu(ledger, podUid)).toEqual(expected);
  });
});
