import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/core/errors.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { AnyEvent } from '../../shared/schemas/events/any-event.ts';
import { deadLetterSchema } from '../../shared/schemas/events/dead-letter.ts';
import { parkRecords } from './park.ts';

describe('Function: parkRecords()', () => {
  it('publishes a valid dead-letter envelope per record with its coordinates and original bytes, the same id each time', async () => {
    const sent: { topic: string; events: readonly AnyEvent[] }[] = [];
    const options = { publisher: { publish: async (topic: string, events: readonly AnyEvent[]) => { sent.push({ topic, events }); } }, topic: 'dead-letter', source: 'function-runner/allocate-gpus', clock: fixedClock('2025-02-01T00:00:00Z') };
    const record = { topic: 'cluster-events', partition: 4, offset: '12', timestamp: '0', key: Buffer.from('prod-eu-1/a100'), value: Buffer.from('{"clusterId":"prod-eu-1"}'), headers: { 'ce-type': Buffer.from('pod.upserted') } };
    const error = new AppError('INTERNAL', 'gave up after 11 attempts');
    await parkRecords([record], error, options);
    await parkRecords([record], error, options);
    const [first, second] = sent.map(({ events }) => deadLetterSchema.parse(events[0]));
    expect(sent.map(({ topic }) => topic)).toEqual(['dead-letter', 'dead-letter']);
    expect(first).toMatchObject({
      clusterId: 'prod-eu-1', source: 'function-runner/allocate-gpus', time: '2025-02-01T00:00:00.000Z',
      data: { topic: 'cluster-events', partition: 4, offset: 12, key: { encoding: 'utf8', data: 'prod-eu-1/a100' }, value: { encoding: 'utf8', data: '{"clusterId":"prod-eu-1"}' }, headers: { 'ce-type': 'pod.upserted' }, error: { code: 'INTERNAL', message: 'gave up after 11 attempts' } },
    });
    expect(second?.id).toBe(first?.id);
  });
});
