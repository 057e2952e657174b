import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../core/model/issue.ts';
import { toLambdaKafkaEvent, type ConsumedRecord } from '../adapters/kafka/lambda-event.ts';
import { buildMetrics } from '../../test/fixtures/events.ts';
import { gpuMetricsEventSchema, type GpuMetricsEvent } from '../schemas/events/gpu-metrics.ts';
import { decodeKafkaEvent, decodeKafkaRecords } from './decode-kafka-records.ts';

const schemas = { 'gpu-metrics': gpuMetricsEventSchema };
const metrics = buildMetrics();
const jsonBase64 = Buffer.from(JSON.stringify(metrics)).toString('base64');
const gzipHeader = { 'content-encoding': [...Buffer.from('gzip')] };
const record = (offset: number, value: string | null, more: Partial<ConsumedRecord> = {}): ConsumedRecord =>
  ({ topic: 'gpu-metrics', partition: 3, offset: String(offset), timestamp: '1738324800000', key: 'prod-eu-1/gpu-node-1', value, ...more });
const lambdaEvent = (records: readonly ConsumedRecord[]) => toLambdaKafkaEvent(records, { eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9092' });
const issuesOf = (event: unknown): string[] =>
  decodeKafkaEvent<GpuMetricsEvent>(event, schemas).rejected.flatMap((rejected) => rejected.issues.map(formatIssue));

describe('Function: decodeKafkaEvent()', () => {
  it('decodes key, headers and value, and identifies each record', () => {
    const batch = decodeKafkaEvent<GpuMetricsEvent>(lambdaEvent([record(7, JSON.stringify(metrics), { headers: { 'ce-type': 'gpu.metrics', 'x': ['a', 'b'] } })]), schemas);
    expect(batch.rejected).toEqual([]);
    expect(batch.records).toHaveLength(1);
    expect(batch.records[0]).toMatchObject({
      topic: 'gpu-metrics', partition: 3, offset: 7, key: 'prod-eu-1/gpu-node-1', timestamp: 1738324800000,
      headers: { 'ce-type': 'gpu.metrics', 'x': 'b' }, value: metrics, itemIdentifier: { partition: 'gpu-metrics-3', offset: 7 },
    });
  });

  it('gunzips a value sent with content-encoding: gzip before JSON and the schema', () => {
    const batch = decodeKafkaEvent<GpuMetricsEvent>(lambdaEvent([record(8, null, { value: gzipSync(JSON.stringify(metrics)), headers: { 'content-encoding': 'gzip' } })]), schemas);
    expect(batch.rejected).toEqual([]);
    expect(batch.records[0]).toMatchObject({ offset: 8, headers: { 'content-encoding': 'gzip' }, value: metrics });
  });

  it('reports every bad record at once, each issue at its place in the event', () => {
    const badGpu = { ...metrics, data: { ...metrics.data, gpus: [{ ...metrics.data.gpus[0], uuid: '' }] } };
    const event = lambdaEvent([
      record(10, JSON.stringify(metrics)),
      record(11, JSON.stringify(badGpu)),
      record(12, '{"oops"'),
      record(13, JSON.stringify({ ...metrics, clusterId: 'Prod/EU', time: 'yesterday' })),
    ]);
    expect(issuesOf(event)).toEqual([
      'records["gpu-metrics-3"][1].value.data.gpus[0].uuid must be a GPU UUID, got ""',
      'records["gpu-metrics-3"][2].value must be JSON, got "{\\"oops\\""',
      'records["gpu-metrics-3"][3].value.clusterId must be a cluster id like prod-eu-1 (lowercase letters, digits, "-" and "."), got "Prod/EU"',
      'records["gpu-metrics-3"][3].value.time must be an ISO-8601 time like 2025-01-31T12:00:00Z, got "yesterday"',
    ]);
    expect(decodeKafkaEvent(event, schemas).records.map((good) => good.offset)).toEqual([10]);
  });

  it.each<{ name: string; raw: Record<string, unknown>; issue: string }>([
    { name: 'a value that is not base64', raw: { value: 'not base64!' }, issue: 'records["gpu-metrics-0"][0].value must be base64 text, got "not base64!"' },
    { name: 'a missing value', raw: { value: undefined }, issue: 'records["gpu-metrics-0"][0].value must be base64 text' },
    { name: 'a value that is not UTF-8', raw: { value: Buffer.from([0xff, 0xfe]).toString('base64') }, issue: 'records["gpu-metrics-0"][0].value must be UTF-8 text' },
    { name: 'plain JSON labelled gzip', raw: { headers: [gzipHeader] }, issue: `records["gpu-metrics-0"][0].value must be gzip data (content-encoding: gzip), got "${jsonBase64.slice(0, 64)}…"` },
    { name: 'gzip cut short', raw: { value: gzipSync('{}').subarray(0, 12).toString('base64'), headers: [gzipHeader] },
      issue: 'records["gpu-metrics-0"][0].value must be gzip data (content-encoding: gzip), got "H4sIAAAAAAAAA6uu"' },
    { name: 'gzipped bytes that are not UTF-8', raw: { value: gzipSync(Buffer.from([0xff, 0xfe])).toString('base64'), headers: [gzipHeader] }, issue: 'records["gpu-metrics-0"][0].value must be UTF-8 text' },
    { name: 'gzipped text that is not JSON', raw: { value: gzipSync('{"oops"').toString('base64'), headers: [gzipHeader] }, issue: 'records["gpu-metrics-0"][0].value must be JSON, got "{\\"oops\\""' },
    { name: 'an unknown content-encoding', raw: { headers: [{ 'content-encoding': [...Buffer.from('br')] }] },
      issue: 'records["gpu-metrics-0"][0].headers["content-encoding"] must be gzip or identity (or absent), got "br"' },
    { name: 'a header byte out of range', raw: { headers: [{ 'ce-type': [300] }] }, issue: 'records["gpu-metrics-0"][0].headers[0]["ce-type"][0] must be' },
    { name: 'a topic the function does not consume', raw: { topic: 'decisions' }, issue: 'records["gpu-metrics-0"][0].topic must be a topic this function consumes (gpu-metrics), got "decisions"' },
  ])('rejects $name', ({ raw, issue }) => {
    const base = { topic: 'gpu-metrics', partition: 0, offset: 1, timestamp: 1, value: jsonBase64, headers: [] };
    const event = { eventSource: 'aws:kafka', records: { 'gpu-metrics-0': [{ ...base, ...raw }] } };
    expect(issuesOf(event).join('\n')).toContain(issue);
  });

  it('accepts aws:SelfManagedKafka, string partitions and offsets, and an absent key', () => {
    const value = Buffer.from(JSON.stringify(metrics)).toString('base64');
    const event = { eventSource: 'aws:SelfManagedKafka', records: { 'gpu-metrics-2': [{ topic: 'gpu-metrics', partition: '2', offset: '41', value }] } };
    const batch = decodeKafkaEvent(event, schemas);
    expect(batch.records[0]).toMatchObject({ partition: 2, offset: 41, key: undefined, headers: {}, itemIdentifier: { partition: 'gpu-metrics-2', offset: 41 } });
  });

  it.each<{ name: string; event: unknown; message: string }>([
    { name: 'not an object', event: 'hello', message: 'not a Lambda Kafka event' },
    { name: 'an SQS event', event: { Records: [] }, message: 'eventSource must be one of aws:kafka, SelfManagedKafka, aws:SelfManagedKafka' },
    { name: 'records not grouped', event: { eventSource: 'aws:kafka', records: [] }, message: 'records must be an object of record arrays' },
    { name: 'a record without offset', event: { eventSource: 'aws:kafka', records: { 't-0': [{ topic: 't', partition: 0, value: '' }] } },
      message: 'records["t-0"][0].offset must be a whole number 0 or more' },
    { name: 'a negative partition', event: { eventSource: 'aws:kafka', records: { 't-0': [{ topic: 't', partition: -1, offset: 0, value: '' }] } },
      message: 'records["t-0"][0].partition must be a whole number 0 or more' },
  ])('throws INVALID_INPUT for $name: the event itself is broken', ({ event, message }) => {
    expect(() => decodeKafkaEvent(event, schemas)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(message) }));
  });
});

describe('Middleware: decodeKafkaRecords()', () => {
  it.each<{ name: string; options: unknown; message: string }>([
    { name: 'no topics', options: { schemas: {} }, message: 'decodeKafkaRecords option schemas must name at least one topic' },
    { name: 'a schema that is not zod', options: { schemas: { t: { parse: () => 1 } } }, message: 'decodeKafkaRecords option schemas.t must be a zod schema' },
    { name: 'an unknown option', options: { schemas, strict: true }, message: 'decodeKafkaRecords option strict must not be set' },
  ])('refuses options with $name', ({ options, message }) => {
    expect(() => decodeKafkaRecords(options as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(message) }));
  });
});
