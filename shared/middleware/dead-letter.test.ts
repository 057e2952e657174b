import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { invalidInput } from '../core/model/issue.ts';
import { fixedClock } from '../ports/clock.ts';
import { deadLetterSchema, UNKNOWN_CLUSTER_ID } from '../schemas/events/dead-letter.ts';
import { deadLetter } from './dead-letter.ts';
import { clusterIdOf, deadLetterId, toDeadLetter, type PoisonRecord } from './dead-letter-envelope.ts';

const location = { topic: 'cluster-events', partition: 5, offset: 77, itemIdentifier: { partition: 'cluster-events-5', offset: 77 } };
const b64 = (bytes: string | Uint8Array): string => Buffer.from(bytes).toString('base64');
const gzipped = (text: string): string => b64(gzipSync(text));
const context = { source: 'functions/allocate-gpus', now: new Date('2025-02-01T00:00:00Z') };
const poisonOf = (raw: Record<string, unknown>, error = new AppError('NOT_FOUND', 'no such pool')): PoisonRecord => ({ location, raw, error });

describe('Function: toDeadLetter()', () => {
  it('keeps coordinates, bytes, headers and the error, as a valid dead-letter event', () => {
    const value = JSON.stringify({ clusterId: 'lab-2', type: 'pod.upserted' });
    const letter = toDeadLetter(poisonOf({ key: b64('lab-2/a100'), value: b64(value), headers: [{ 'ce-id': [...Buffer.from('abc')] }] }), context);
    expect(deadLetterSchema.parse(letter)).toEqual(letter);
    expect(letter).toMatchObject({
      clusterId: 'lab-2', source: 'functions/allocate-gpus', time: '2025-02-01T00:00:00.000Z',
      data: { topic: 'cluster-events', partition: 5, offset: 77, key: { encoding: 'utf8', data: 'lab-2/a100' }, value: { encoding: 'utf8', data: value },
        headers: { 'ce-id': 'abc' }, error: { code: 'NOT_FOUND', message: 'no such pool' }, failedAt: '2025-02-01T00:00:00.000Z' },
    });
  });

  it.each<{ name: string; raw: Record<string, unknown>; key: unknown; value: unknown; clusterId: string }>([
    { name: 'binary bytes: base64', raw: { value: b64(new Uint8Array([0xff, 0x00])) }, key: null, value: { encoding: 'base64', data: '/wA=' }, clusterId: UNKNOWN_CLUSTER_ID },
    { name: 'a value that is not base64: as JSON', raw: { value: 42, key: 'not base64!' }, key: { encoding: 'json', data: '"not base64!"' },
      value: { encoding: 'json', data: '42' }, clusterId: UNKNOWN_CLUSTER_ID },
    { name: 'JSON naming an invalid cluster', raw: { value: b64('{"clusterId":"A/B"}') }, key: null, value: { encoding: 'utf8', data: '{"clusterId":"A/B"}' }, clusterId: UNKNOWN_CLUSTER_ID },
    { name: 'text that is not JSON', raw: { value: b64('hello') }, key: null, value: { encoding: 'utf8', data: 'hello' }, clusterId: UNKNOWN_CLUSTER_ID },
    { name: 'no value', raw: {}, key: null, value: null, clusterId: UNKNOWN_CLUSTER_ID },
    { name: 'a gzipped value: its bytes as base64, the cluster read from the gunzipped JSON', raw: { value: gzipped('{"clusterId":"lab-3"}'), headers: [{ 'content-encoding': [...Buffer.from('gzip')] }] },
      key: null, value: { encoding: 'base64', data: gzipped('{"clusterId":"lab-3"}') }, clusterId: 'lab-3' },
    { name: 'a value whose gzip header lies', raw: { value: b64('{"clusterId":"lab-3"}'), headers: [{ 'content-encoding': [...Buffer.from('gzip')] }] },
      key: null, value: { encoding: 'utf8', data: '{"clusterId":"lab-3"}' }, clusterId: UNKNOWN_CLUSTER_ID },
  ])('keeps $name', ({ raw, key, value, clusterId }) => {
    const letter = toDeadLetter(poisonOf(raw), context);
    expect(deadLetterSchema.parse(letter).data).toMatchObject({ key, value });
    expect(clusterIdOf(raw)).toBe(clusterId);
  });

  it('lists the decode issues, and skips malformed headers', () => {
    const issues = [invalidInput('records["t-0"][0].value.x', 'be a number', 'a')];
    const letter = toDeadLetter({ ...poisonOf({ value: b64('{}'), headers: [{ ok: [104, 105] }, 'junk', { bad: [999] }] }), issues }, context);
    expect(letter.data.headers).toEqual({ ok: 'hi' });
    expect(letter.data.error.issues).toEqual(['records["t-0"][0].value.x must be a number, got "a"']);
  });

  it('derives the same UUID-shaped id for the same record and parker, another for another', () => {
    const id = deadLetterId('functions/a', location);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deadLetterId('functions/a', location)).toBe(id);
    expect(deadLetterId('functions/b', location)).not.toBe(id);
    expect(deadLetterId('functions/a', { ...location, offset: 78 })).not.toBe(id);
  });
});

describe('Middleware: deadLetter()', () => {
  const valid = { publisher: { publish: async () => undefined }, clock: fixedClock('2025-01-01T00:00:00Z'), topic: 'dead-letter', source: 'f' };
  it.each<{ name: string; options: Record<string, unknown>; message: string }>([
    { name: 'no publisher', options: { ...valid, publisher: undefined }, message: 'deadLetter option publisher must be an EventPublisher' },
    { name: 'a clock without now()', options: { ...valid, clock: {} }, message: 'deadLetter option clock must be a Clock' },
    { name: 'an empty topic', options: { ...valid, topic: '' }, message: 'deadLetter option topic must be a topic name' },
    { name: 'no source', options: { ...valid, source: undefined }, message: 'deadLetter option source must be text' },
  ])('refuses options with $name', ({ options, message }) => {
    expect(() => deadLetter(options as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(message) }));
  });
});
