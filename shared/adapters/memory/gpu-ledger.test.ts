import { describe, expect, it } from 'vitest';
import { createMemoryGpuLedger } from './gpu-ledger.ts';

const GIB = 1024 ** 3;
const amounts = (tflops: number, vramGib: number) => ({ tflopsMilli: tflops * 1000, computePercentMilli: 0, vramBytes: vramGib * GIB });

describe('Adapter: memory gpu-ledger', () => {
  const ledger = () => {
    const created = createMemoryGpuLedger([{ uuid: 'GPU-0', pool: 'p', capacity: amounts(100, 40) }, { uuid: 'GPU-1', pool: 'p', capacity: amounts(100, 40) }]);
    created.reserve('a', 'GPU-0', amounts(20, 10));
    created.reserve('b', 'GPU-0', amounts(60, 10));
    return created;
  };

  it.each([
    { name: 'a rise within what is free: granted', requests: amounts(30, 12), expected: { requests: amounts(30, 12), capped: false, tracked: true } },
    { name: 'a rise past what is free: capped at it', requests: amounts(50, 12), expected: { requests: amounts(40, 12), capped: true, tracked: true } },
    { name: 'a fall: granted', requests: amounts(10, 5), expected: { requests: amounts(10, 5), capped: false, tracked: true } },
  ])('$name', async ({ requests, expected }) => {
    const found = ledger();
    expect(await found.resize({ clusterId: 'c', podUid: 'a', gpuUuid: 'GPU-0', requests })).toEqual(expected);
    expect(found.reservation('a')).toEqual(expected.requests);
  });

  it('a pod it does not hold: granted as asked, untracked', async () => {
    expect(await ledger().resize({ clusterId: 'c', podUid: 'x', gpuUuid: 'GPU-0', requests: amounts(500, 1) })).toEqual({ requests: amounts(500, 1), capped: false, tracked: false });
  });

  it('counts the pods of a size that still fit in a pool', async () => {
    expect(await ledger().spareReplicas({ clusterId: 'c', pool: 'p', requests: amounts(20, 10), gpuCount: 1 })).toBe(1 + 4);
    expect(await ledger().spareReplicas({ clusterId: 'c', pool: 'p', requests: amounts(20, 10), gpuCount: 2 })).toBe(2);
    expect(await ledger().spareReplicas({ clusterId: 'c', pool: 'other', requests: amounts(20, 10), gpuCount: 1 })).toBe(0);
  });
});
