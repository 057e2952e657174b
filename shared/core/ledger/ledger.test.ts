import { describe, expect, it } from 'vitest';
import { allocationWith, booked, GIB, ledgerWith } from '../../../test/fixtures/ledger.ts';
import { buildGpu } from '../../../test/fixtures/events.ts';
import { nodeLedgerSchema } from '../../schemas/node-ledger.ts';
import { requestWith } from '../../../test/fixtures/allocation.ts';
import { allocationFromPlacement } from './allocation-from-placement.ts';
import { bookAllocation, findAllocation, releaseAllocation } from './book-allocation.ts';
import { ledgerFromInventory, UNKNOWN_VENDOR } from './ledger-from-inventory.ts';
import { ledgerKey, ledgerLookup, podAllocationKey, poolLedgersPartition, waitingKey, waitingPartition } from './ledger-keys.ts';
import { nodeFromLedger } from './node-from-ledger.ts';
import { staleAllocations } from './stale-allocations.ts';
import { retireLedger } from './retire-ledger.ts';

const inventory = (at: string, gpus = [buildGpu(1), buildGpu(0)]) => ({ clusterId: 'prod-eu-1', node: 'n1', pool: 'a100', gpus, at });

describe('Function: ledgerFromInventory()', () => {
  it('makes a ledger from a first inventory: GPUs by index, model and vendor from the catalogue, no allocations', () => {
    const ledger = ledgerFromInventory(undefined, inventory('2025-01-31T12:00:00Z'));
    expect(ledger?.gpus.map((gpu) => [gpu.uuid, gpu.model, gpu.vendor])).toEqual([['GPU-0', 'A100_SXM_80G', 'NVIDIA'], ['GPU-1', 'A100_SXM_80G', 'NVIDIA']]);
    expect(ledger?.gpus[0]?.capacity).toEqual({ tflopsMilli: 312_000, vramBytes: 85_899_345_920 });
    expect(ledger?.allocations).toEqual([]);
    expect(nodeLedgerSchema.parse(ledger)).toEqual(ledger);
  });

  it('keeps every allocation when the GPUs change, even on a GPU that went away', () => {
    const existing = ledgerWith('n1', 2, { allocations: [allocationWith('p1', [booked('GPU-7', 10, 4)])] });
    const ledger = ledgerFromInventory(existing, inventory('2025-01-31T12:00:00Z'));
    expect(ledger?.allocations).toEqual(existing.allocations);
    expect(ledger?.gpus.map((gpu) => gpu.uuid)).toEqual(['GPU-0', 'GPU-1']);
  });

  it('keeps the node\'s recorded labels and taints', () => {
    const scheduling = { labels: { zone: 'a' }, taints: [{ key: 'gpu', effect: 'NoSchedule' }] };
    expect(ledgerFromInventory(ledgerWith('n1', 2, { scheduling }), inventory('2025-01-31T12:00:00Z'))?.scheduling).toEqual(scheduling);
    expect(ledgerFromInventory(ledgerWith('n1', 2), inventory('2025-01-31T12:00:00Z'))).not.toHaveProperty('scheduling');
  });

  it.each([
    { name: 'the same inventory again', at: '2025-01-31T11:00:00.000Z' },
    { name: 'an older inventory', at: '2025-01-31T10:00:00Z' },
  ])('changes nothing for $name', ({ at }) => {
    expect(ledgerFromInventory(ledgerWith('n1', 2), inventory(at))).toBeUndefined();
  });

  it('names a model the catalogue does not know as reported, with an unknown vendor', () => {
    const ledger = ledgerFromInventory(undefined, inventory('2025-01-31T12:00:00Z', [{ ...buildGpu(0), model: 'Mystery X1' }]));
    expect(ledger?.gpus[0]).toMatchObject({ model: 'Mystery X1', vendor: UNKNOWN_VENDOR });
  });
});

describe('Function: bookAllocation() / releaseAllocation()', () => {
  const ledger = ledgerWith('n1', 2);
  const p1 = allocationWith('p1', [booked('n1-gpu0', 10, 4)]);

  it('books once per pod uid: a second booking of the same pod changes nothing', () => {
    const once = bookAllocation(ledger, p1);
    expect(once?.allocations).toEqual([p1]);
    expect(bookAllocation(once ?? ledger, { ...p1, gpus: [booked('n1-gpu1', 1, 1)] })).toBeUndefined();
    expect(findAllocation(once ?? ledger, 'p1')).toEqual(p1);
  });

  it('releases the pod and returns what it held; a second release changes nothing', () => {
    const held = bookAllocation(ledger, p1) ?? ledger;
    const released = releaseAllocation(held, 'p1');
    expect(released).toEqual({ ledger, allocation: p1 });
    expect(releaseAllocation(ledger, 'p1')).toBeUndefined();
  });
});

describe('Function: nodeFromLedger()', () => {
  it('sums the bookings per GPU, counts workers per node and marks dedicated GPUs taken', () => {
    const ledger = ledgerWith('n1', 4, {
      allocations: [
        allocationWith('p1', [booked('n1-gpu0', 10, 4), booked('n1-gpu1', 10, 4)]),
        allocationWith('p2', [booked('n1-gpu0', 20, 8)]),
        allocationWith('p3', [booked('n1-gpu2', 312, 80)], { dedicated: true }),
        allocationWith('p4', [booked('gone', 1, 1)]),
      ],
    });
    const node = nodeFromLedger(ledger);
    expect(node).toMatchObject({ name: 'n1', pool: 'a100', labels: undefined, taints: [], workers: 4 });
    expect(node.gpus.map((gpu) => [gpu.used, gpu.allocations, gpu.wholeGpuTaken])).toEqual([
      [{ tflopsMilli: 30_000, vramBytes: 12 * GIB }, 2, false],
      [{ tflopsMilli: 10_000, vramBytes: 4 * GIB }, 1, false],
      [{ tflopsMilli: 312_000, vramBytes: 80 * GIB }, 1, true],
      [{ tflopsMilli: 0, vramBytes: 0 }, 0, false],
    ]);
  });
});

describe('Function: nodeFromLedger() labels and taints', () => {
  it.each([
    { name: 'unknown labels and no taints before any were recorded', ledger: ledgerWith('n1', 1), labels: undefined, taints: [] },
    {
      name: 'the recorded labels and taints', ledger: ledgerWith('n1', 1, { scheduling: { labels: { zone: 'a' }, taints: [{ key: 'gpu', effect: 'NoSchedule' }] } }),
      labels: { zone: 'a' }, taints: [{ key: 'gpu', effect: 'NoSchedule' }],
    },
  ])('gives $name', ({ ledger, labels, taints }) => {
    const node = nodeFromLedger(ledger);
    expect([node.labels, node.taints]).toEqual([labels, taints]);
  });
});

describe('Function: allocationFromPlacement()', () => {
  it('books the placed amounts for the pod at the given time', () => {
    const placement = { kind: 'placed' as const, node: 'n1', gpus: [{ uuid: 'n1-gpu0', tflopsMilli: 5, vramBytes: 6 }] };
    const allocation = allocationFromPlacement(placement, {
      pod: { uid: 'u1', namespace: 'ml', name: 'train-0' }, request: requestWith({ dedicatedGpu: true }), at: new Date('2025-01-31T12:00:00Z'),
    });
    expect(allocation).toEqual({ podUid: 'u1', namespace: 'ml', pod: 'train-0', dedicated: true, bookedAt: '2025-01-31T12:00:00.000Z', gpus: [{ uuid: 'n1-gpu0', tflopsMilli: 5, vramBytes: 6 }] });
  });
});

describe('Function: staleAllocations()', () => {
  it('keeps only allocations at least the grace period old', () => {
    const ledger = ledgerWith('n1', 1, { allocations: [allocationWith('old', [booked('n1-gpu0', 1, 1)]), allocationWith('new', [booked('n1-gpu0', 1, 1)], { bookedAt: '2025-01-31T11:59:00.000Z' })] });
    expect(staleAllocations(ledger, { now: new Date('2025-01-31T12:00:00Z'), graceMs: 120_000 }).map((held) => held.podUid)).toEqual(['old']);
  });
});

describe('Layout: ledger keys', () => {
  it('prefixes every key with the cluster and finds ledgers by pool', () => {
    expect(ledgerKey('c1', 'n1')).toEqual({ pk: 'cluster#c1#node#n1', sk: 'ledger' });
    expect(ledgerLookup('c1', 'a100', 'n1')).toEqual({ partition: poolLedgersPartition('c1', 'a100'), sort: 'node#n1' });
    expect(poolLedgersPartition('c1', 'a100')).toBe('cluster#c1#pool#a100#ledgers');
    expect(podAllocationKey('c1', 'u1')).toEqual({ pk: 'cluster#c1#pod#u1', sk: 'allocation' });
  });
});

describe('Layout: waiting pods', () => {
  it('keeps a pool\'s waiting pods in one partition, one item per pod uid', () => {
    expect(waitingKey('c1', 'a100', 'u1')).toEqual({ pk: waitingPartition('c1', 'a100'), sk: 'pod#u1' });
    expect(waitingPartition('c1', 'a100')).toBe('cluster#c1#pool#a100#waiting');
  });
});

describe('Function: retireLedger()', () => {
  it('takes away the GPUs and gives back every allocation, once', () => {
    const held = allocationWith('p1', [booked('n1-gpu0', 10, 4)]);
    const retired = retireLedger(ledgerWith('n1', 2, { allocations: [held] }));
    expect(retired).toEqual({ ledger: ledgerWith('n1', 0), released: [held] });
    expect(retireLedger(ledgerWith('n1', 0))).toBeUndefined();
  });
});
