import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import type { StateStore } from '../../ports/state-store.ts';
import { ledgerWith } from '../../../test/fixtures/ledger.ts';
import { createMemoryStateStore } from '../memory/state-store.ts';
import { createLedgerStore } from './ledger-store.ts';

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
});
