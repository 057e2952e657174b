import type { z } from 'zod';
import { invalidInput, type Issue } from '../core/model/issue.ts';
import { dotPath, formatZodIssues } from '../schemas/format-issues.ts';
import { fromBase64, lossyUtf8, strictUtf8 } from './bytes.ts';
import { CONTENT_ENCODING, decodeContent } from './content-encoding.ts';
import type { KafkaRecord, RawKafkaRecord, RecordLocation, RejectedRecord } from './kafka-batch.ts';
import { recordPayloadSchema, type RecordPayload } from './kafka-event-schema.ts';
import { compactIssue, truncate } from './shorten.ts';

/** A record to decode and where it sits in the event: `records[group][index]`. */
export interface RecordInput {
  readonly raw: RawKafkaRecord;
  readonly location: RecordLocation;
  readonly group: string;
  readonly index: number;
}

/** The value schema of each topic the function consumes, by topic name. */
export type TopicSchemas = Readonly<Record<string, z.ZodType>>;

/** A decoded record, or the record rejected with every issue found. */
export type DecodeResult<T> = { readonly ok: true; readonly record: KafkaRecord<T> } | { readonly ok: false; readonly rejected: RejectedRecord };

type Place = (path: readonly PropertyKey[]) => string;

/** Headers as text; when a name repeats, the last value wins. */
function decodeHeaders(headers: RecordPayload['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const header of headers ?? []) {
    for (const [name, bytes] of Object.entries(header)) out[name] = lossyUtf8(bytes);
  }
  return out;
}

/**
 * The value: base64 → content-encoding (gunzip for `gzip`) → UTF-8 → JSON → the topic's schema. Issues
 * name `records["t-0"][n].value.<path>`, or `.headers["content-encoding"]` for an encoding not known.
 */
function decodeValue(sent: { readonly base64: string; readonly encoding: string | undefined }, schema: z.ZodType, place: Place): { ok: true; value: unknown } | { ok: false; issues: Issue[] } {
  const { base64, encoding } = sent;
  const content = decodeContent(fromBase64(base64), encoding);
  if (!content.ok) {
    const found = content.part === 'header'
      ? invalidInput(place(['headers', CONTENT_ENCODING.header]), content.rule, encoding)
      : invalidInput(place(['value']), content.rule, truncate(base64, 64));
    return { ok: false, issues: [found] };
  }
  const text = strictUtf8(content.bytes);
  if (text === undefined) return { ok: false, issues: [invalidInput(place(['value']), 'be UTF-8 text')] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, issues: [invalidInput(place(['value']), 'be JSON', truncate(text))] };
  }
  const parsed = schema.safeParse(json, { reportInput: true });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: formatZodIssues(parsed.error.issues, (path) => place(['value', ...path])) };
}

/**
 * Decode one record of a Lambda Kafka event: payload shape, value bytes (gunzipped when its
 * `content-encoding` header says gzip), JSON and the topic's schema.
 * Never throws: anything wrong becomes issues on a rejected record, so the rest of the batch proceeds.
 */
export function decodeRecord<T>(input: RecordInput, schemas: TopicSchemas): DecodeResult<T> {
  const { raw, location } = input;
  const place: Place = (path) => dotPath(['records', input.group, input.index, ...path]);
  const reject = (issues: readonly Issue[]): DecodeResult<T> => ({ ok: false, rejected: { ...location, issues: issues.map((found) => compactIssue(found)), raw } });
  const payload = recordPayloadSchema.safeParse(raw, { reportInput: true });
  if (!payload.success) return reject(formatZodIssues(payload.error.issues, place));
  const schema = Object.hasOwn(schemas, location.topic) ? schemas[location.topic] : undefined;
  if (schema === undefined) {
    return reject([invalidInput(place(['topic']), `be a topic this function consumes (${Object.keys(schemas).join(', ')})`, location.topic)]);
  }
  const headers = decodeHeaders(payload.data.headers);
  const value = decodeValue({ base64: payload.data.value, encoding: headers[CONTENT_ENCODING.header] }, schema, place);
  if (!value.ok) return reject(value.issues);
  const key = payload.data.key ?? undefined;
  return {
    ok: true,
    record: {
      ...location,
      key: key === undefined ? undefined : lossyUtf8(fromBase64(key)),
      headers,
      timestamp: payload.data.timestamp,
      value: value.value as T,
      raw,
    },
  };
}
