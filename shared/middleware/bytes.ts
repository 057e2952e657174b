import type { EncodedBytes } from '../schemas/events/dead-letter.ts';

const strict = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

/** The bytes of base64 `text` (already checked to be base64). */
export const fromBase64 = (text: string): Uint8Array => Buffer.from(text, 'base64');

/** `bytes` as UTF-8 text, or undefined when they are not valid UTF-8. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** `bytes` as UTF-8 text, invalid sequences replaced by U+FFFD: for keys and headers, which only inform. */
export const lossyUtf8 = (bytes: Uint8Array | readonly number[]): string => lossy.decode(Uint8Array.from(bytes));

/** `bytes` kept exactly: as UTF-8 text when they are valid UTF-8, else as base64. */
export function encodeBytes(bytes: Uint8Array): EncodedBytes {
  const text = strictUtf8(bytes);
  return text === undefined ? { encoding: 'base64', data: Buffer.from(bytes).toString('base64') } : { encoding: 'utf8', data: text };
}
