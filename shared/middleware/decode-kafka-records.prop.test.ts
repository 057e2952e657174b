import middy from '@middy/core';
import { gzipSync } from 'node:zlib';
import type { Context } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../ports/clock.ts';
import { deadLetterSchema } from '../schemas/events/dead-letter.ts';
import { buildMetrics } from '../../test/fixtures/events.ts';
import { gpuMetricsEventSchema } from '../schemas/events/gpu-metrics.ts';
import { kafkaBatchHandler } from './batch-handler.ts';
import { kafkaBatchResponse } from './batch-response.ts';
import { deadLetter } from './dead-letter.ts';
import { decodeKafkaEvent, decodeKafkaRecords } from './decode-kafka-records.ts';
import type { KafkaBatchResponse } from './kafka-batch.ts';
import type { LambdaKafkaEvent } from './kafka-event-schema.ts';

const schemas = { 'gpu-metrics': gpuMetricsEventSchema };
const base64Of = (text: string): string => Buffer.from(text).toString('base64');

/** Values: valid events, JSON that is not an event, arbitrary bytes as base64, and strings that are not base64 at all; also gzipped (below). */
const value = fc.oneof(
  fc.constant(base64Of(JSON.stringify(buildMetrics()))),
  fc.jsonValue().map((json) => base64Of(JSON.stringify(json) ?? 'null')),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  fc.string({ maxLength: 40 }),
  fc.anything(),
);
/** Headers: any names, byte arrays with any integers (also out of 0..255) or not arrays at all. */
const headers = fc.oneof(
  fc.array(fc.dictionary(fc.string({ maxLength: 8 }), fc.array(fc.integer({ min: -300, max: 600 }), { maxLength: 8 }), { maxKeys: 3 }), { maxLength: 3 }),
  fc.anything(),
);
const headerOf = (name: string, text: string) => ({ [name]: [...Buffer.from(text)] });
/** A content-encoding header (gzip, identity, or one not known), with any of the values above or those values gzipped. */
const encoded = fc.record({
  value: fc.oneof(value, fc.oneof(fc.constant(JSON.stringify(buildMetrics())), fc.jsonValue().map((json) => JSON.stringify(json) ?? 'null'), fc.uint8Array({ maxLength: 64 }))
    .map((bytes) => gzipSync(bytes).toString('base64'))),
  headers: fc.constantFrom('gzip', 'identity', 'br', '').map((encoding) => [headerOf('content-encoding', encoding)]),
});
const rawRecord = fc.oneof(
  fc.record({ value, headers, key: fc.option(fc.oneof(fc.base64String({ maxLength: 16 }), fc.string({ maxLength: 8 }))) }, { requiredKeys: [] }),
  encoded,
);
const event = fc.array(rawRecord, { minLength: 1, maxLength: 12 }).map((records) => ({
  eventSource: 'SelfManagedKafka',
  records: { 'gpu-metrics-0': records.map((record, offset) => ({ topic: 'gpu-metrics', partition: 0, offset, timestamp: 0, ...record })) },
}));

describe('Function: decodeKafkaEvent() (properties)', () => {
  it('never throws on arbitrary values and headers: every record is decoded or rejected with issues', () => {
    fc.assert(fc.property(event, (input) => {
      const batch = decodeKafkaEvent(input, schemas);
      expect(batch.records.length + batch.rejected.length).toBe(input.records['gpu-metrics-0'].length);
      for (const rejected of batch.rejected) expect(rejected.issues.length).toBeGreaterThan(0);
      for (const rejected of batch.rejected) {
        for (const issue of rejected.issues) expect(issue.field.startsWith(`records["gpu-metrics-0"][${rejected.offset}]`)).toBe(true);
      }
    }));
  });

  it('a value decodes the same, or is rejected for the same issues, gzipped with content-encoding: gzip as sent plain', () => {
    const json = fc.oneof(fc.constant(buildMetrics()), fc.jsonValue());
    fc.assert(fc.property(json, (input) => {
      const text = JSON.stringify(input) ?? 'null';
      const recordOf = (bytes: Uint8Array, headers: unknown[]) => ({ topic: 'gpu-metrics', partition: 0, offset: 0, timestamp: 0, value: Buffer.from(bytes).toString('base64'), headers });
      const decode = (raw: ReturnType<typeof recordOf>) => decodeKafkaEvent({ eventSource: 'SelfManagedKafka', records: { 'gpu-metrics-0': [raw] } }, schemas);
      const plain = decode(recordOf(Buffer.from(text), []));
      const gzipped = decode(recordOf(gzipSync(text), [headerOf('content-encoding', 'gzip')]));
      expect(gzipped.records.map((record) => record.value)).toEqual(plain.records.map((record) => record.value));
      expect(gzipped.rejected.map((rejected) => rejected.issues)).toEqual(plain.rejected.map((rejected) => rejected.issues));
    }));
  });

  it('through the whole chain, every record is handled, parked as a valid dead letter, or retried: never dropped', async () => {
    await fc.assert(fc.asyncProperty(event, fc.boolean(), async (input, publishFails) => {
      const parked: number[] = [];
      const publisher = { publish: async (_topic: string, events: readonly unknown[]) => {
        if (publishFails) throw new Error('broker away');
        for (const letter of events) parked.push(deadLetterSchema.parse(letter).data.offset);
      } };
      const handled: number[] = [];
      const handler = middy<LambdaKafkaEvent, KafkaBatchResponse>()
        .use(kafkaBatchResponse())
        .use(deadLetter({ publisher, clock: fixedClock('2025-02-01T00:00:00Z'), topic: 'dead-letter', source: 'prop' }))
        .use(decodeKafkaRecords({ schemas }))
        .handler(kafkaBatchHandler(async (batch) => { handled.push(...batch.records.map((record) => record.offset)); return undefined; }));
      const response = await handler(input as LambdaKafkaEvent, {} as Context);
      const retried = response.batchItemFailures.map((failure) => failure.itemIdentifier.offset);
      expect([...handled, ...parked, ...retried].sort((a, b) => a - b)).toEqual(input.records['gpu-metrics-0'].map((_record, offset) => offset));
    }), { numRuns: 60 });
  });
});
