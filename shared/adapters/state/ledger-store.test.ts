import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import type { StateStore } from '../../ports/state-store.ts';
import { ledgerWith } from '../../../test/fixtures/ledger.ts';
import { createMemoryStateStore } from '../memory/state-store.ts';
import type { NodeLedger } from '../../schemas/node-ledger.ts';
import { createLedgerStore, DEFAULT_LEDGER_ATTEMPTS } from './ledger-store.ts';

describe('Adapter: ledger-store', () => {
  it('writes ledgers under their cluster/node key and finds them through their pool', async () => {
    const store = createMemoryStateStore();
    const ledgers = createLedgerStore(store);
    expect(await ledgers.writeLedger(ledgerWith('n1', 1), 'absent')).toMatchObject({ kind: 'written', item: { version: 1 } });
    expect((await store.get({ pk: 'cluster#prod-eu-1#node#n1', sk: 'ledger' }))?.lookup).toEqual({ partition: 'cluster#prod-eu-1#pool#a100#ledgers', sort: 'node#n1' });
    expect((await ledgers.readPool('prod-eu-1', 'a100')).map((held) => held.ledger.node)).toEqual(['n1']);
    expect(await ledgers.getLedger('prod-eu-1', 'n2')).toBeUndefined();
    expect(await ledgers.getPodAllocation('prod-eu-1', 'u1')).toBeUndefined();
  });

  it('reads many ledgers and index entries in one getMany each, in the order asked', async () => {
    const store = createMemoryStateStore();
    const reads: number[] = [];
    const ledgers = createLedgerStore({ ...store, getMany: (keys) => { reads.push(keys.length); return store.getMany(keys); } });
    await ledgers.writeLedger(ledgerWith('n1', 1), 'absent');
    await ledgers.writePodAllocation({ clusterId: 'prod-eu-1', podUid: 'u1', namespace: 'ml', pod: 'p1', pool: 'a100', node: 'n1', released: false }, 'absent');
    const found = await ledgers.getLedgers([{ clusterId: 'prod-eu-1', node: 'n2' }, { clusterId: 'prod-eu-1', node: 'n1' }]);
    expect(found.map((held) => held?.ledger.node)).toEqual([undefined, 'n1']);
    const entries = await ledgers.getPodAllocations([{ clusterId: 'prod-eu-1', podUid: 'u1' }, { clusterId: 'prod-eu-1', podUid: 'u2' }]);
    expect(entries.map((held) => held?.entry.node)).toEqual(['n1', undefined]);
    expect(reads).toEqual([2, 2]);
  });

  it.each([
    { name: 'a stale version: the current ledger', seed: true, expect: 7, current: { version: 1 } },
    { name: 'an expected version of a missing ledger: nothing current', seed: false, expect: 1, current: undefined },
  ])('answers a lost race with $name', async ({ seed, expect: expected, current }) => {
    const ledgers = createLedgerStore(createMemoryStateStore());
    if (seed) await ledgers.writeLedger(ledgerWith('n1', 1), 'absent');
    const result = await ledgers.writeLedger(ledgerWith('n1', 2), expected);
    expect(result.kind).toBe('conflict');
    if (result.kind === 'conflict') expect(result.current === undefined ? undefined : { version: result.current.version }).toEqual(current);
  });

  it('reports a stored item that is not a ledger as INTERNAL, and passes other store errors through', async () => {
    const store = createMemoryStateStore();
    await store.put({ pk: 'cluster#prod-eu-1#node#n1', sk: 'ledger', data: { node: 'n1' } });
    await expect(createLedgerStore(store).getLedger('prod-eu-1', 'n1')).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('does not hold a valid ledger') });
    const down: StateStore = { ...store, put: () => Promise.reject(new AppError('THROTTLED', 'slow down')) };
    await expect(createLedgerStore(down).writeLedger(ledgerWith('n1', 1), 'absent')).rejects.toMatchObject({ code: 'THROTTLED' });
  });

  describe('updateLedger', () => {
    const addGpu = (current: NodeLedger | undefined) => ledgerWith('n1', (current?.gpus.length ?? 0) + 1);
    const at = { clusterId: 'prod-eu-1', node: 'n1' };

    it.each([
      { name: 'creates a missing ledger', seed: false, before: undefined, gpus: 1, version: 1 },
      { name: 'changes the ledger as read', seed: true, before: 1, gpus: 2, version: 2 },
    ])('$name', async ({ seed, before, gpus, version }) => {
      const ledgers = createLedgerStore(createMemoryStateStore());
      if (seed) await ledgers.writeLedger(ledgerWith('n1', 1), 'absent');
      const updated = await ledgers.updateLedger(at, addGpu, { doing: 'adding a GPU' });
      expect({ before: updated?.before?.version, gpus: updated?.written.ledger.gpus.length, version: updated?.written.version }).toEqual({ before, gpus, version });
    });

    it('writes nothing when the change has nothing to do, and starts from the ledger given without reading it', async () => {
      const store = createMemoryStateStore();
      const ledgers = createLedgerStore(store);
      expect(await ledgers.updateLedger(at, () => undefined, { doing: 'nothing' })).toBeUndefined();
      expect(await store.get({ pk: 'cluster#prod-eu-1#node#n1', sk: 'ledger' })).toBeUndefined();
      const from = (await ledgers.writeLedger(ledgerWith('n1', 1), 'absent'));
      const unread = createLedgerStore({ ...store, get: () => Promise.reject(new AppError('INTERNAL', 'read')) });
      expect((await unread.updateLedger(at, addGpu, { doing: 'adding a GPU', from: from.kind === 'written' ? from.item : undefined }))?.written.version).toBe(2);
    });

    it('applies the change again to the ledger as it is now after a lost race', async () => {
      const store = createMemoryStateStore();
      const ledgers = createLedgerStore(store);
      await ledgers.writeLedger(ledgerWith('n1', 1), 'absent');
      let raced = false;
      const racing = createLedgerStore({ ...store, put: async (item, options) => {
        if (!raced) {
          raced = true;
          await ledgers.writeLedger(ledgerWith('n1', 3), 1);
        }
        return store.put(item, options);
      } });
      const updated = await racing.updateLedger(at, addGpu, { doing: 'adding a GPU' });
      expect({ before: updated?.before?.version, gpus: updated?.written.ledger.gpus.length }).toEqual({ before: 2, gpus: 4 });
    });

    it.each([
      { name: 'the default attempts', attempts: undefined, writes: DEFAULT_LEDGER_ATTEMPTS },
      { name: 'the attempts asked for', attempts: 2, writes: 2 },
    ])('gives a race up after $name with VERSION_CONFLICT', async ({ attempts, writes }) => {
      const store = createMemoryStateStore();
      let puts = 0;
      const losing = createLedgerStore({ ...store, put: () => {
        puts += 1;
        return Promise.reject(new AppError('VERSION_CONFLICT', 'lost', { details: { current: null } }));
      } });
      await expect(losing.updateLedger(at, addGpu, { attempts, doing: 'adding a GPU' })).rejects.toMatchObject({ code: 'VERSION_CONFLICT', message: 'ledger of node n1 kept changing while adding a GPU' });
      expect(puts).toBe(writes);
    });
  });
});
