import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { toLambdaKafkaEvent, type ConsumedRecord } from '../adapters/kafka/lambda-event.ts';
import { fixedClock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { AnyEvent } from '../schemas/events/any-event.ts';
import type { DeadLetterEvent } from '../schemas/events/dead-letter.ts';
import { buildMetrics } from '../../test/fixtures/events.ts';
import { gpuMetricsEventSchema, type GpuMetricsEvent } from '../schemas/events/gpu-metrics.ts';
import { kafkaBatchHandler } from './batch-handler.ts';
import { kafkaBatchResponse } from './batch-response.ts';
import { deadLetter } from './dead-letter.ts';
import { decodeKafkaRecords } from './decode-kafka-records.ts';
import type { KafkaBatchResponse } from './kafka-batch.ts';
import type { LambdaKafkaEvent } from './kafka-event-schema.ts';

const context = {} as Context;
const of = (clusterId: string): string => JSON.stringify(buildMetrics({ clusterId }));
const badOf = (clusterId: string): string => JSON.stringify({ ...buildMetrics({ clusterId }), data: { node: 'Node_1' } });
const record = (offset: number, value: string): ConsumedRecord =>
  ({ topic: 'gpu-metrics', partition: 0, offset: String(offset), timestamp: '0', key: 'k', value, headers: {} });

/** The Kafka chain decoding for `clusterId`: what the handler saw, and the offsets dead-lettered. */
async function run(clusterId: string | undefined, values: readonly string[]) {
  const parked: number[] = [];
  const publisher: EventPublisher = { publish: async (_topic, events: readonly AnyEvent[]) => { parked.push(...events.map((e) => (e as DeadLetterEvent).data.offset)); } };
  const seen: string[] = [];
  const handler = middy<LambdaKafkaEvent, KafkaBatchResponse>()
    .use(kafkaBatchResponse())
    .use(deadLetter({ publisher, clock: fixedClock('2025-02-01T00:00:00Z'), topic: 'dead-letter', source: 'functions/test' }))
    .use(decodeKafkaRecords({ schemas: { 'gpu-metrics': gpuMetricsEventSchema }, clusterId }))
    .handler(kafkaBatchHandler<GpuMetricsEvent>(async (batch) => { seen.push(...batch.records.map((r) => `${r.offset}:${r.value.clusterId}`)); return { failed: [] }; }));
  const response = await handler(toLambdaKafkaEvent(values.map((value, i) => record(i, value)), { eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9092' }), context);
  return { seen, parked, response };
}

describe('Middleware: decodeKafkaRecords, scoped to one cluster (clusterId)', () => {
  const cases = [
    { name: 'no cluster set: every record', clusterId: undefined, values: [of('prod-eu-1'), of('lab')], seen: ['0:prod-eu-1', '1:lab'], parked: [] },
    { name: 'a cluster set: only its records, the others acknowledged', clusterId: 'lab', values: [of('prod-eu-1'), of('lab'), of('prod-eu-1')], seen: ['1:lab'], parked: [] },
    { name: 'a bad record of its own cluster is parked', clusterId: 'lab', values: [badOf('lab'), of('lab')], seen: ['1:lab'], parked: [0] },
    { name: "another cluster's bad record is left to that cluster", clusterId: 'lab', values: [badOf('prod-eu-1'), of('lab')], seen: ['1:lab'], parked: [] },
    { name: 'a bad record naming no cluster is parked by every scope', clusterId: 'lab', values: ['not json', of('lab')], seen: ['1:lab'], parked: [0] },
  ];
  it.each(cases)('$name', async ({ clusterId, values, seen, parked }) => {
    const result = await run(clusterId, values);
    expect(result.seen).toEqual(seen);
    expect(result.parked).toEqual(parked);
    expect(result.response).toEqual({ batchItemFailures: [] });
  });

  it('refuses an invalid cluster id when the handler is built', () => {
    expect(() => decodeKafkaRecords({ schemas: { 'gpu-metrics': gpuMetricsEventSchema }, clusterId: 'Prod_EU' })).toThrow(/decodeKafkaRecords option clusterId must be a cluster id like prod-eu-1/);
  });
});
