import type { z } from 'zod';
import { invalidInput, type Issue } from '../core/model/issue.ts';
import { dotPath, formatZodIssues } from '../schemas/format-issues.ts';
import { fromBase64, lossyUtf8, strictUtf8 } from './bytes.ts';
import { CONTENT_ENCODING, decodeContent } from './content-encoding.ts';
import type { KafkaRecord, RawKafkaRecord, RecordLocation, RejectedRecord } from './kafka-batch.ts';
import { recordPayloadSchema, type RecordPayload } from './kafka-event-schema.ts';
import { compactIssue, truncate } from './shorten.ts';
import { isClusterId } from '../schemas/events/dead-letter.ts';

/** A record to decode and where it sits in the event: `records[group][index]`. */
export interface RecordInput {
  readonly raw: RawKafkaRecord;
  readonly location: RecordLocation;
  readonly group: string;
  readonly index: number;
}

/** The value schema of each topic the function consumes, by topic name. */
export type TopicSchemas = Readonly<Record<string, z.ZodType>>;

/** A decoded record, the record rejected with every issue found, or one of another cluster (left alone, see {@link Scope}). */
export type DecodeResult<T> =
  | { readonly ok: true; readonly record: KafkaRecord<T> }
  | { readonly ok: false; readonly rejected: RejectedRecord }
  | { readonly ok: 'foreign' };

/** What a record is decoded for: its topic's schema, and the one cluster acted for (every cluster when absent). */
export interface Scope {
  readonly schemas: TopicSchemas;
  readonly clusterId?: string | undefined;
}

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
function decodeValue(sent: { readonly base64: string; readonly encoding: string | undefined }, at: { schema: z.ZodType; clusterId: string | undefined; place: Place }): { ok: true; value: unknown } | { ok: false; issues: Issue[] } | { ok: 'foreign' } {
  const { schema, clusterId, place } = at;
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
  // Another cluster's record (its value names a valid cluster that is not ours) is that cluster's to act on
  // or to park, valid or not: no schema work on it. One naming no valid cluster goes on, and is parked if bad.
  const named = (json as { clusterId?: unknown } | null)?.clusterId;
  if (clusterId !== undefined && isClusterId(named) && named !== clusterId) return { ok: 'foreign' };
  const parsed = schema.safeParse(json, { reportInput: true });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: formatZodIssues(parsed.error.issues, (path) => place(['value', ...path])) };
}

/**
 * Decode one record of a Lambda Kafka event: payload shape, value bytes (gunzipped when its
 * `content-encoding` header says gzip), JSON and the topic's schema; with `scope.clusterId`, a value naming
 * another cluster is `foreign` before its schema is checked.
 * Never throws: anything wrong becomes issues on a rejected record, so the rest of the batch proceeds.
 */
export function decodeRecord<T>(input: RecordInput, scope: Scope): DecodeResult<T> {
  const { schemas } = scope;
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
  const value = decodeValue({ base64: payload.data.value, encoding: headers[CONTENT_ENCODING.header] }, { schema, clusterId: scope.clusterId, place });
  if (value.ok === 'foreign') return value;
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
