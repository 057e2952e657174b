import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import type { StateStore } from '../../ports/state-store.ts';
import { allocationWith, booked, GIB, ledgerWith } from '../../../test/fixtures/ledger.ts';
import { createMemoryStateStore } from '../memory/state-store.ts';
import { createLedgerGpuLedger } from './gpu-ledger.ts';
import { createLedgerStore } from './ledger-store.ts';

const tflops = (value: number, vramGi: number) => ({ tflopsMilli: value * 1000, computePercentMilli: 0, vramBytes: vramGi * GIB });
const resize = (podUid: string, requests = tflops(100, 10)) => ({ clusterId: 'prod-eu-1', podUid, requests });

/** A table with node n1 (pool a100): pod a holds 20 TFLOPS / 10 GiB and pod b 250 / 10 on gpu0, both indexed; `store` wraps the table when given. */
async function seeded(wrap: (store: StateStore) => StateStore = (store) => store) {
  const store = createMemoryStateStore();
  const ledgers = createLedgerStore(store);
  await ledgers.writeLedger(ledgerWith('n1', 1, { allocations: [allocationWith('a', [booked('n1-gpu0', 20, 10)]), allocationWith('b', [booked('n1-gpu0', 250, 10)])] }), 'absent');
  for (const [podUid, released] of [['a', false], ['gone', true], ['lost', false]] as const) {
    await ledgers.writePodAllocation({ clusterId: 'prod-eu-1', podUid, namespace: 'ml', pod: `pod-${podUid}`, pool: 'a100', node: podUid === 'lost' ? 'n9' : 'n1', released }, 'absent');
  }
  return { ledgers, gpuLedger: createLedgerGpuLedger(createLedgerStore(wrap(store))) };
}

describe('Adapter: ledger gpu-ledger', () => {
  it('books a rise capped at what is free on the GPU, in one conditional write of the node ledger', async () => {
    const { ledgers, gpuLedger } = await seeded();
    expect(await gpuLedger.resize(resize('a'))).toEqual({ requests: tflops(62, 10), capped: true, tracked: true });
    const after = await ledgers.getLedger('prod-eu-1', 'n1');
    expect(after?.version).toBe(2);
    expect(after?.ledger.allocations[0]?.gpus[0]).toEqual(booked('n1-gpu0', 62, 10));
    expect(await gpuLedger.resize(resize('a', tflops(62, 10)))).toEqual({ requests: tflops(62, 10), capped: false, tracked: true });
    expect((await ledgers.getLedger('prod-eu-1', 'n1'))?.version).toBe(2);
  });

  it.each([
    { name: 'a pod with no index entry', podUid: 'nobody' },
    { name: 'a released pod', podUid: 'gone' },
    { name: 'a pod indexed on a node with no ledger', podUid: 'lost' },
  ])('grants as asked, untracked: $name', async ({ podUid }) => {
    const { gpuLedger } = await seeded();
    expect(await gpuLedger.resize(resize(podUid))).toEqual({ requests: tflops(100, 10), capped: false, tracked: false });
  });

  it('a lost race re-reads the ledger and decides again; one that keeps being lost is VERSION_CONFLICT', async () => {
    let races = 1;
    const racing = (store: StateStore): StateStore => ({ ...store, put: async (item, options) => {
      const current = await store.get(item);
      // Another writer gets in first: the ledger as it was, at a new version.
      if (item.sk === 'ledger' && current !== undefined && races-- > 0) await store.put(current);
      return store.put(item, options);
    } });
    const once = await seeded(racing);
    expect((await once.gpuLedger.resize(resize('a'))).requests).toEqual(tflops(62, 10));
    races = 99;
    const always = await seeded(racing);
    races = 99;
    await expect(always.gpuLedger.resize(resize('a'))).rejects.toSatisfy((error) => error instanceof AppError && error.code === 'VERSION_CONFLICT');
  });

  const held = [
    { name: 'a booked pod: its GPU\'s capacity', podUid: 'a', expected: { vramBytes: 80 * GIB, tflops: 312 } },
    { name: 'a pod with no index entry', podUid: 'nobody', expected: undefined },
    { name: 'a released pod', podUid: 'gone', expected: undefined },
    { name: 'a pod indexed on a node with no ledger', podUid: 'lost', expected: undefined },
  ];

  it.each(held)('names the GPU a pod holds: $name', async ({ podUid, expected }) => {
    const { gpuLedger } = await seeded();
    expect(await gpuLedger.heldGpu({ clusterId: 'prod-eu-1', podUid })).toEqual(expected);
  });

  it('names the GPUs of many pods as heldGpu does, in one batch read of their index entries and one of the distinct ledgers they name', async () => {
    const reads: string[][] = [];
    const counting = (store: StateStore): StateStore => ({ ...store, getMany: (keys) => { reads.push(keys.map((key) => key.sk)); return store.getMany(keys); } });
    const { ledgers, gpuLedger } = await seeded(counting);
    await ledgers.writePodAllocation({ clusterId: 'prod-eu-1', podUid: 'b', namespace: 'ml', pod: 'pod-b', pool: 'a100', node: 'n1', released: false }, 'absent');
    const pods = [...held.map(({ podUid }) => podUid), 'b', 'a'].map((podUid) => ({ clusterId: 'prod-eu-1', podUid }));
    expect(await gpuLedger.heldGpus(pods)).toEqual([...held.map(({ expected }) => expected), held[0]?.expected, held[0]?.expected]);
    expect(reads.map((keys) => keys.length)).toEqual([6, 2]);
    expect(reads[1]).toEqual(['ledger', 'ledger']);
    expect(await gpuLedger.heldGpus([])).toEqual([]);
    expect(await gpuLedger.heldGpus([{ clusterId: 'prod-eu-1', podUid: 'gone' }])).toEqual([undefined]);
    expect(reads.map((keys) => keys.length)).toEqual([6, 2, 1]);
  });

  it('counts the pool\'s spare room for more replicas', async () => {
    const { gpuLedger } = await seeded();
    expect(await gpuLedger.spareReplicas({ clusterId: 'prod-eu-1', pool: 'a100', requests: tflops(20, 10), gpuCount: 1 })).toBe(2);
  });
});
