import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { messageJson } from './message-json.ts';

const message = (value: Buffer | null, headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> = {}) => ({ value, headers, offset: '41' });

describe('Adapter: kafka messageJson()', () => {
  it.each<{ name: string; value: Buffer | null; headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>; json: unknown }>([
    { name: 'a plain JSON value', value: Buffer.from('{"a":1}'), json: { a: 1 } },
    { name: 'a gzipped one (content-encoding: gzip)', value: gzipSync('{"a":1}'), headers: { 'content-encoding': Buffer.from('gzip') }, json: { a: 1 } },
    { name: 'a repeated header: the last counts', value: gzipSync('[2]'), headers: { 'content-encoding': ['br', 'gzip'] }, json: [2] },
    { name: 'an empty header list: none', value: Buffer.from('3'), headers: { 'content-encoding': [] }, json: 3 },
    { name: 'a tombstone', value: null, json: null },
  ])('reads $name', ({ value, headers, json }) => {
    expect(messageJson(message(value, headers))).toEqual(json);
  });

  it.each<{ name: string; value: Buffer; headers?: Record<string, string>; error: string }>([
    { name: 'JSON labelled gzip', value: Buffer.from('{"a":1}'), headers: { 'content-encoding': 'gzip' }, error: 'message at offset 41: value must be gzip data (content-encoding: gzip)' },
    { name: 'an unknown encoding', value: Buffer.from('{}'), headers: { 'content-encoding': 'br' }, error: 'message at offset 41: header content-encoding must be gzip or identity (or absent), got "br"' },
    { name: 'bytes that are not UTF-8', value: Buffer.from([0xff]), error: 'message at offset 41: value must be UTF-8 text' },
    { name: 'text that is not JSON', value: gzipSync('{"oops"'), headers: { 'content-encoding': 'gzip' }, error: 'message at offset 41: value must be JSON, got "{\\"oops\\""' },
  ])('refuses $name with INVALID_INPUT', ({ value, headers, error }) => {
    expect(() => messageJson(message(value, headers))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: error }));
  });
});
