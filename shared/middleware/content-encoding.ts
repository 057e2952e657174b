// Application-level compression of Kafka values: a producer may gzip a value and say so in the
// `content-encoding` header (the node-agent does for gpu-metrics). Kafka's own batch compression does not
// reach a Lambda function (the event source mapping decompresses and base64-encodes the raw value), so
// this is what keeps a record small in the 6 MB invocation payload. Every reader of values decodes through here.
import { gunzipSync, gzipSync } from 'node:zlib';

/** The header, and the encodings a value may carry (`identity`: as is, the same as no header). */
export const CONTENT_ENCODING = { header: 'content-encoding', gzip: 'gzip', identity: 'identity' } as const;

/** The largest value a gzipped one may expand to: far above any event (a Kafka message is ≤ 1 MiB), and a stop for a gzip bomb. */
export const MAX_DECODED_BYTES = 16 * 1024 * 1024;

/** A decoded value, or why it could not be: which part is wrong (`header` or `value`) and the rule it breaks. */
export type DecodedContent =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly part: 'header' | 'value'; readonly rule: string };

/** `text` gzipped (level 6, zlib's default), for a value sent with `content-encoding: gzip`. */
export const gzipText = (text: string): Buffer => gzipSync(text);

/**
 * The bytes of a value sent with content-encoding `encoding` (the header's text; absent: none). `gzip` is
 * gunzipped, at most {@link MAX_DECODED_BYTES}; absent or `identity` is returned as is; anything else,
 * or bytes that are not gzip data, come back as a rule broken. Never throws.
 */
export function decodeContent(bytes: Uint8Array, encoding: string | undefined): DecodedContent {
  const name = encoding?.trim().toLowerCase();
  if (name === undefined || name === '' || name === CONTENT_ENCODING.identity) return { ok: true, bytes };
  if (name !== CONTENT_ENCODING.gzip) return { ok: false, part: 'header', rule: 'be gzip or identity (or absent)' };
  try {
    return { ok: true, bytes: gunzipSync(bytes, { maxOutputLength: MAX_DECODED_BYTES }) };
  } catch (error) {
    const tooLarge = (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
    return { ok: false, part: 'value', rule: tooLarge ? `gunzip to at most ${MAX_DECODED_BYTES} bytes (content-encoding: gzip)` : 'be gzip data (content-encoding: gzip)' };
  }
}
