import { describe, expect, it } from 'vitest';
import { allocationWith, booked, GIB, ledgerWith } from '../../../test/fixtures/ledger.ts';
import { resizeAllocation } from './resize-allocation.ts';
import { spareReplicas } from './spare-replicas.ts';

const tflops = (value: number, vramGi: number) => ({ tflopsMilli: value * 1000, computePercentMilli: 0, vramBytes: vramGi * GIB });
const percent = (value: number, vramGi: number) => ({ tflopsMilli: 0, computePercentMilli: value * 1000, vramBytes: vramGi * GIB });
/** Node n1: two A100s (312 TFLOPS, 80 GiB); pod a holds 20 TFLOPS / 10 GiB on gpu0, pod b 250 / 60 there. */
const ledger = ledgerWith('n1', 2, {
  allocations: [allocationWith('a', [booked('n1-gpu0', 20, 10)]), allocationWith('b', [booked('n1-gpu0', 250, 60)])],
});

describe('Function: resizeAllocation()', () => {
  it.each([
    { name: 'a rise that fits: granted', requests: tflops(40, 15), granted: tflops(40, 15), capped: false },
    { name: 'a rise past what is free: capped at the room', requests: tflops(100, 30), granted: tflops(62, 20), capped: true },
    { name: 'a fall: granted', requests: tflops(10, 5), granted: tflops(10, 5), capped: false },
    { name: 'percent, turned into TFLOPS of the GPU and back', requests: percent(10, 10), granted: { tflopsMilli: 0, computePercentMilli: 10_000, vramBytes: 10 * GIB }, capped: false },
  ])('$name', ({ requests, granted, capped }) => {
    const resized = resizeAllocation(ledger, { podUid: 'a', requests });
    expect(resized?.granted).toEqual(granted);
    expect(resized?.capped).toBe(capped);
    const held = resized?.ledger?.allocations.find((allocation) => allocation.podUid === 'a')?.gpus[0];
    expect(held?.vramBytes).toBe(granted.vramBytes);
    expect(resized?.ledger?.allocations.find((allocation) => allocation.podUid === 'b')).toEqual(ledger.allocations[1]);
  });

  it('nothing to write when the booking already holds the requests', () => {
    expect(resizeAllocation(ledger, { podUid: 'a', requests: tflops(20, 10) })).toEqual({ ledger: undefined, granted: tflops(20, 10), capped: false });
  });

  it('a multi-GPU pod stays even: the scarcest GPU caps every one', () => {
    const two = ledgerWith('n2', 2, { allocations: [allocationWith('m', [booked('n2-gpu0', 10, 1), booked('n2-gpu1', 10, 1)]), allocationWith('x', [booked('n2-gpu1', 300, 1)], { dedicated: false })] });
    const resized = resizeAllocation(two, { podUid: 'm', requests: tflops(50, 1) });
    expect(resized?.granted).toEqual(tflops(12, 1));
    expect(resized?.ledger?.allocations[0]?.gpus.map((gpu) => gpu.tflopsMilli)).toEqual([12_000, 12_000]);
  });

  it.each([
    { name: 'a pod the ledger does not hold', current: ledger, podUid: 'z' },
    { name: 'a dedicated pod (never resized)', current: ledgerWith('n3', 1, { allocations: [allocationWith('d', [booked('n3-gpu0', 312, 80)], { dedicated: true })] }), podUid: 'd' },
    { name: 'a booking on a GPU the inventory no longer lists', current: ledgerWith('n4', 0, { allocations: [allocationWith('g', [booked('n4-gpu0', 1, 1)])] }), podUid: 'g' },
  ])('undefined for $name', ({ current, podUid }) => {
    expect(resizeAllocation(current, { podUid, requests: tflops(1, 1) })).toBeUndefined();
  });

  it('neighbours booked past the capacity: a rise keeps what is held (free counts as 0, never below)', () => {
    const over = ledgerWith('n6', 1, { allocations: [allocationWith('a', [booked('n6-gpu0', 20, 10)]), allocationWith('b', [booked('n6-gpu0', 300, 75)]), allocationWith('c', [booked('n6-gpu0', 30, 10)])] });
    expect(resizeAllocation(over, { podUid: 'a', requests: tflops(40, 20) })).toEqual({ ledger: undefined, granted: tflops(20, 10), capped: true });
  });

  it('a dedicated neighbour leaves no room', () => {
    const shared = ledgerWith('n5', 1, { allocations: [allocationWith('a', [booked('n5-gpu0', 1, 1)]), allocationWith('d', [booked('n5-gpu0', 0, 0)], { dedicated: true })] });
    expect(resizeAllocation(shared, { podUid: 'a', requests: tflops(5, 5) })?.granted).toEqual(tflops(1, 1));
  });
});

describe('Function: spareReplicas()', () => {
  it.each([
    { name: 'copies of a 20 TFLOPS / 10 GiB pod: 1 on gpu0 (42 TFLOPS but 10 GiB free), 8 on gpu1 (VRAM-bound)', requests: tflops(20, 10), gpuCount: 1, expected: 1 + 8 },
    { name: 'two GPUs each: the node\'s copies halved', requests: tflops(20, 10), gpuCount: 2, expected: 4 },
    { name: 'percent of each GPU', requests: percent(50, 1), gpuCount: 1, expected: 0 + 2 },
    { name: 'a request of nothing fits without end', requests: tflops(0, 0), gpuCount: 1, expected: Number.POSITIVE_INFINITY },
  ])('$name', ({ requests, gpuCount, expected }) => {
    expect(spareReplicas([ledger], { requests, gpuCount })).toBe(expected);
  });
});
