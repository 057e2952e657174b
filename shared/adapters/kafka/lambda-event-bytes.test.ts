import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lambdaRecord, toLambdaKafkaEvent, type ConsumedRecord, type LambdaKafkaEventOptions } from './lambda-event.ts';
import { lambdaEnvelopeBytes, lambdaRecordBytes } from './lambda-event-bytes.ts';

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');
const bytes = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.uint8Array({ maxLength: 40 }).map((array) => Buffer.from(array)));
const record: fc.Arbitrary<ConsumedRecord> = fc.record({
  topic: fc.string({ minLength: 1, maxLength: 20, unit: 'binary' }),
  partition: fc.nat(100_000),
  offset: fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 2n ** 53n }).map(String)),
  timestamp: fc.oneof(fc.nat(), fc.constant('1738324800000')),
  key: fc.option(bytes),
  value: fc.option(bytes),
  headers: fc.dictionary(fc.string({ maxLength: 10, unit: 'binary' }), fc.oneof(bytes, fc.array(bytes, { maxLength: 3 }), fc.constant(undefined)), { maxKeys: 4 }),
}, { requiredKeys: ['topic', 'partition', 'offset', 'timestamp', 'value'] });

describe('Adapter: kafka lambdaRecordBytes()', () => {
  it.each<{ name: string; record: ConsumedRecord }>([
    { name: 'a record with key, value and repeated headers', record: { topic: 'gpu-metrics', partition: 3, offset: '12', timestamp: '1738324800000', key: Buffer.from('k'),
      value: Buffer.from('{"a":1}'), headers: { 'ce-type': 'gpu.metrics', multi: ['x', Buffer.from('y')], gone: undefined } } },
    { name: 'a tombstone without key or headers', record: { topic: 'gpu-metrics', partition: 3, offset: '13', timestamp: '1', key: null, value: null } },
    { name: 'a gzipped value with every byte value', record: { topic: 't', partition: 0, offset: 0, timestamp: 0, value: Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)),
      headers: { 'content-encoding': 'gzip', 'ümlaut': Buffer.from([0, 9, 10, 99, 100, 255]) } } },
  ])('counts $name as Lambda encodes it', ({ record: one }) => {
    expect(lambdaRecordBytes(one)).toBe(jsonBytes(lambdaRecord(one)));
  });

  it('equals the JSON length of lambdaRecord() for any record (property)', () => {
    fc.assert(fc.property(record, (one) => { expect(lambdaRecordBytes(one)).toBe(jsonBytes(lambdaRecord(one))); }), { numRuns: 500 });
  });
});

describe('Adapter: kafka lambdaEnvelopeBytes()', () => {
  it.each<{ name: string; options: LambdaKafkaEventOptions }>([
    { name: 'self-managed Kafka', options: { eventSource: 'SelfManagedKafka', bootstrapServers: 'k-1:9092,k-2:9092' } },
    { name: 'MSK, with its ARN', options: { eventSource: 'aws:kafka', bootstrapServers: 'b-1:9092', eventSourceArn: 'arn:aws:kafka:eu-west-1:1:cluster/c/1' } },
  ])('makes a batch of one partition envelope + records + commas: $name', ({ options }) => {
    fc.assert(fc.property(fc.array(record.map((one) => ({ ...one, topic: 'gpu-metrics', partition: 7 })), { minLength: 1, maxLength: 6 }), (records) => {
      const sum = records.reduce((total, one) => total + lambdaRecordBytes(one), 0);
      expect(jsonBytes(toLambdaKafkaEvent(records, options))).toBe(lambdaEnvelopeBytes('gpu-metrics-7', options) + sum + records.length - 1);
    }), { numRuns: 100 });
  });
});
