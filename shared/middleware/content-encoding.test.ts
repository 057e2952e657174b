import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeContent, gzipText, MAX_DECODED_BYTES } from './content-encoding.ts';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

describe('Function: decodeContent()', () => {
  it.each<{ name: string; bytes: Uint8Array; encoding: string | undefined; decoded: string }>([
    { name: 'no header: the bytes as they are', bytes: Buffer.from('{"a":1}'), encoding: undefined, decoded: '{"a":1}' },
    { name: 'an empty header: as they are', bytes: Buffer.from('{"a":1}'), encoding: '', decoded: '{"a":1}' },
    { name: 'identity: as they are', bytes: Buffer.from('{"a":1}'), encoding: 'identity', decoded: '{"a":1}' },
    { name: 'gzip: gunzipped', bytes: gzipText('{"a":1}'), encoding: 'gzip', decoded: '{"a":1}' },
    { name: 'GZIP with spaces: the token is case-insensitive', bytes: gzipText('{"a":1}'), encoding: ' GZIP ', decoded: '{"a":1}' },
    { name: 'gzip of an empty text', bytes: gzipText(''), encoding: 'gzip', decoded: '' },
  ])('decodes $name', ({ bytes, encoding, decoded }) => {
    const content = decodeContent(bytes, encoding);
    expect(content.ok && text(content.bytes)).toBe(decoded);
  });

  it.each<{ name: string; bytes: Uint8Array; encoding: string; part: string; rule: string }>([
    { name: 'an encoding it does not know', bytes: Buffer.from('x'), encoding: 'br', part: 'header', rule: 'be gzip or identity (or absent)' },
    { name: 'plain JSON labelled gzip', bytes: Buffer.from('{"a":1}'), encoding: 'gzip', part: 'value', rule: 'be gzip data (content-encoding: gzip)' },
    { name: 'no bytes labelled gzip', bytes: new Uint8Array(0), encoding: 'gzip', part: 'value', rule: 'be gzip data (content-encoding: gzip)' },
    { name: 'gzip cut short', bytes: gzipText('{"a":1}').subarray(0, 15), encoding: 'gzip', part: 'value', rule: 'be gzip data (content-encoding: gzip)' },
    { name: 'a gzip bomb', bytes: gzipSync(Buffer.alloc(MAX_DECODED_BYTES + 1)), encoding: 'gzip', part: 'value', rule: `gunzip to at most ${MAX_DECODED_BYTES} bytes (content-encoding: gzip)` },
  ])('refuses $name, naming the part and the rule', ({ bytes, encoding, part, rule }) => {
    expect(decodeContent(bytes, encoding)).toEqual({ ok: false, part, rule });
  });
});
