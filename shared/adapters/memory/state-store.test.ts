import { describe, expect, it } from 'vitest';
import { stateStoreContract } from '../../../test/contracts/state-store.contract.ts';
import { createMemoryStateStore } from './state-store.ts';

stateStoreContract('memory', (clock) => createMemoryStateStore({ clock }));

describe('Adapter: memory state-store', () => {
  it('hands out copies, so a caller mutating an item cannot change the store', async () => {
    const store = createMemoryStateStore();
    const stored = await store.put({ pk: 'p', sk: 's', data: { list: [1] } });
    (stored.data['list'] as number[]).push(2);
    const read = await store.get({ pk: 'p', sk: 's' });
    (read?.data['list'] as number[]).push(3);
    expect((await store.get({ pk: 'p', sk: 's' }))?.data).toEqual({ list: [1] });
  });

  it('reads the wall clock when given none', async () => {
    const store = createMemoryStateStore();
    await store.put({ pk: 'p', sk: 'past', data: {}, expiresAt: Math.floor(Date.now() / 1000) - 1 });
    await store.put({ pk: 'p', sk: 'future', data: {}, expiresAt: Math.floor(Date.now() / 1000) + 3600 });
    expect((await store.query('p')).map((item) => item.sk)).toEqual(['future']);
  });
});
