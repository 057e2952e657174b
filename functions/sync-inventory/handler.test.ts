import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { toLambdaKafkaEvent } from '../../shared/adapters/kafka/lambda-event.ts';
import { createMemoryStateStore } from '../../shared/adapters/memory/state-store.ts';
import { createLedgerStore, type LedgerStore, type VersionedLedger } from '../../shared/adapters/state/ledger-store.ts';
import { AppError } from '../../shared/core/errors.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { GpuInventoryEvent } from '../../shared/schemas/events/gpu-inventory.ts';
import { recordingPublisher } from '../../test/fixtures/allocator.ts';
import { buildGpu, buildInventory, eventId } from '../../test/fixtures/events.ts';
import { allocationWith, booked } from '../../test/fixtures/ledger.ts';
import { createSyncInventoryHandler } from './handler.ts';
import { recordInventory } from './record-inventory.ts';

const lambdaEvent = (events: readonly (GpuInventoryEvent | string)[]) => toLambdaKafkaEvent(
  events.map((event, offset) => ({ topic: 'gpu-inventory', partition: 0, offset, timestamp: 0, key: 'prod-eu-1/gpu-node-1', value: typeof event === 'string' ? event : JSON.stringify(event) })),
  { eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9092' },
);

function world(ledgers: LedgerStore = createLedgerStore(createMemoryStateStore())) {
  const publisher = recordingPublisher();
  const handler = createSyncInventoryHandler({ ledgers, publisher, clock: fixedClock('2025-02-01T00:00:00Z'), deadLetterTopic: 'dead-letter' });
  return { ledgers, publisher, run: (events: readonly (GpuInventoryEvent | string)[]) => handler(lambdaEvent(events), {} as Context) };
}

const at = (time: string, gpus = [buildGpu(0), buildGpu(1)], n = 1) => buildInventory(gpus, { time, id: eventId(n) });

describe('Handler: sync-inventory', () => {
  it('creates one ledger per node, found through its pool, and parks a bad record', async () => {
    const { ledgers, publisher, run } = world();
    expect(await run([at('2025-01-31T12:00:00Z'), '{"not":"an event"}'])).toEqual({ batchItemFailures: [] });
    const pool = await ledgers.readPool('prod-eu-1', 'a100');
    expect(pool.map((held) => [held.ledger.node, held.version, held.ledger.gpus.length])).toEqual([['gpu-node-1', 1, 2]]);
    expect(publisher.of('dead-letter')).toHaveLength(1);
  });

  it('keeps the allocations when the GPUs change, and ignores a redelivered or older inventory', async () => {
    const { ledgers, run } = world();
    await run([at('2025-01-31T12:00:00Z')]);
    const first = await ledgers.getLedger('prod-eu-1', 'gpu-node-1') as VersionedLedger;
    await ledgers.writeLedger({ ...first.ledger, allocations: [allocationWith('p1', [booked('GPU-0', 10, 4)])] }, first.version);
    await run([at('2025-01-31T12:05:00Z', [buildGpu(0)], 2), at('2025-01-31T12:05:00Z', [buildGpu(0)], 2), at('2025-01-31T11:00:00Z', [], 3)]);
    const ledger = await ledgers.getLedger('prod-eu-1', 'gpu-node-1');
    expect(ledger?.version).toBe(3);
    expect(ledger?.ledger.gpus.map((gpu) => gpu.uuid)).toEqual(['GPU-0']);
    expect(ledger?.ledger.allocations.map((held) => held.podUid)).toEqual(['p1']);
  });

  it('merges again after losing a race to an allocator, so the booking made meanwhile survives', async () => {
    const store = createMemoryStateStore();
    const base = createLedgerStore(store);
    await recordInventory(at('2025-01-31T12:00:00Z'), base);
    let raced = false;
    const racing = createLedgerStore({ ...store, put: async (item, options) => {
      if (!raced) {
        raced = true;
        const current = await base.getLedger('prod-eu-1', 'gpu-node-1') as VersionedLedger;
        await base.writeLedger({ ...current.ledger, allocations: [allocationWith('p1', [booked('GPU-0', 10, 4)])] }, current.version);
      }
      return store.put(item, options);
    } });
    expect(await recordInventory(at('2025-01-31T12:05:00Z', [buildGpu(0)]), racing)).toBe('updated');
    expect((await base.getLedger('prod-eu-1', 'gpu-node-1'))?.ledger.allocations.map((held) => held.podUid)).toEqual(['p1']);
  });

  it('retries a record whose ledger kept changing, and one whose store is down', async () => {
    const store = createMemoryStateStore();
    const losing = createLedgerStore({ ...store, put: () => Promise.reject(new AppError('VERSION_CONFLICT', 'lost', { details: { current: null } })) });
    await expect(recordInventory(at('2025-01-31T12:00:00Z'), losing)).rejects.toMatchObject({ code: 'VERSION_CONFLICT', message: expect.stringContaining('kept changing') });
    const down = createLedgerStore({ ...store, get: () => Promise.reject(new AppError('DEPENDENCY_UNAVAILABLE', 'dynamodb down')) });
    expect(await world(down).run([at('2025-01-31T12:00:00Z')])).toEqual({ batchItemFailures: [{ itemIdentifier: { partition: 'gpu-inventory-0', offset: 0 } }] });
  });
});
