/** A field read from a source's text: its value, `undefined` when the source says it is not available, or the rule it broke. */
export type FieldResult<T> = { readonly ok: true; readonly value: T | undefined } | { readonly ok: false; readonly rule: string };

/**
 * What nvidia-smi prints for a value it cannot give (`[N/A]`, `[Not Supported]`, `[Unknown Error]`,
 * `[Insufficient Permissions]`; also without brackets in some driver versions). Such a field is "not
 * available", which is neither zero nor an error.
 */
const NOT_AVAILABLE = /^\[?(?:N\/A|Not Supported|Unknown Error|Insufficient Permissions|GPU requires reset)\]?$/i;

const WHOLE = /^\d{1,15}$/;
const DECIMAL = /^\d{1,15}(?:\.\d{1,15})?$/;

/** Whether `text` is a not-available marker. */
export const isNotAvailable = (text: string): boolean => NOT_AVAILABLE.test(text.trim());

/** A whole number ≥ 0 (`allowMissing`: a not-available marker gives `undefined`). */
export function wholeField(text: string, allowMissing: boolean): FieldResult<number> {
  const trimmed = text.trim();
  if (allowMissing && isNotAvailable(trimmed)) return { ok: true, value: undefined };
  return WHOLE.test(trimmed) ? { ok: true, value: Number(trimmed) } : { ok: false, rule: 'be a whole number' };
}

/** A percentage 0..100, whole or decimal; a not-available marker gives `undefined`. */
export function percentField(text: string): FieldResult<number> {
  const trimmed = text.trim();
  if (isNotAvailable(trimmed)) return { ok: true, value: undefined };
  if (!DECIMAL.test(trimmed)) return { ok: false, rule: 'be a percentage from 0 to 100' };
  const value = Number(trimmed);
  return value <= 100 ? { ok: true, value } : { ok: false, rule: 'be a percentage from 0 to 100' };
}

/** Non-empty text without a not-available marker. */
export function textField(text: string, rule: string): FieldResult<string> {
  const trimmed = text.trim();
  return trimmed === '' || isNotAvailable(trimmed) ? { ok: false, rule } : { ok: true, value: trimmed };
}

/** Bytes from a count of MiB, as nvidia-smi and DCGM report memory. */
export const mibToBytes = (mib: number): number => mib * 1_048_576;
