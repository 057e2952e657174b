import { createHash } from 'node:crypto';
import type { AppError } from '../core/errors.ts';
import { formatIssue, type Issue } from '../core/model/issue.ts';
import { SPEC_VERSION } from '../schemas/events/envelope.ts';
import { type DeadLetterEvent, type EncodedBytes, isClusterId, UNKNOWN_CLUSTER_ID } from '../schemas/events/dead-letter.ts';
import { headerBytesSchema } from './kafka-event-schema.ts';
import { encodeBytes, fromBase64, lossyUtf8, strictUtf8 } from './bytes.ts';
import { CONTENT_ENCODING, decodeContent } from './content-encoding.ts';
import { truncate } from './shorten.ts';
import type { RawKafkaRecord, RecordLocation } from './kafka-batch.ts';

/** A record that can never succeed, and why. */
export interface PoisonRecord {
  readonly location: RecordLocation;
  readonly raw: RawKafkaRecord;
  readonly error: AppError;
  /** The decode issues, for a record that was rejected before the handler. */
  readonly issues?: readonly Issue[];
}

/** Who parks the record, and when. */
export interface DeadLetterContext {
  readonly source: string;
  readonly now: Date;
}

const MAX_ISSUES = 100;
const MAX_MESSAGE = 4096;
const MAX_ISSUE = 512;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A dead letter's id, derived from who parked which record: parking the same record twice (a redelivery)
 * yields the same id, so readers of `dead-letter` can de-duplicate. Formatted as a UUID (version 8).
 */
export function deadLetterId(source: string, location: RecordLocation): string {
  const hex = createHash('sha256').update(`${source}\u0000${location.topic}\u0000${location.partition}\u0000${location.offset}`).digest('hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A raw key or value kept exactly; `json` when the transport gave something that is not base64. */
function encodeField(field: unknown): EncodedBytes | null {
  if (field === undefined || field === null) return null;
  if (typeof field === 'string' && BASE64.test(field)) return encodeBytes(fromBase64(field));
  return { encoding: 'json', data: JSON.stringify(field) };
}

/** Headers that are byte arrays, as text. Malformed ones are left out; the record's issues describe them. */
function decodeHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const header of Array.isArray(headers) ? headers : []) {
    const parsed = headerBytesSchema.safeParse(header);
    if (!parsed.success) continue;
    for (const [name, bytes] of Object.entries(parsed.data)) out[name] = lossyUtf8(bytes);
  }
  return out;
}

/**
 * The cluster the record belongs to when its value (gunzipped when its `content-encoding` header says gzip)
 * is JSON naming a valid `clusterId`, else {@link UNKNOWN_CLUSTER_ID}.
 */
export function clusterIdOf(raw: RawKafkaRecord): string {
  if (typeof raw.value !== 'string' || !BASE64.test(raw.value)) return UNKNOWN_CLUSTER_ID;
  const content = decodeContent(fromBase64(raw.value), decodeHeaders(raw.headers)[CONTENT_ENCODING.header]);
  const text = content.ok ? strictUtf8(content.bytes) : undefined;
  try {
    const clusterId: unknown = text === undefined ? undefined : (JSON.parse(text) as { clusterId?: unknown } | null)?.clusterId;
    return isClusterId(clusterId) ? clusterId : UNKNOWN_CLUSTER_ID;
  } catch {
    return UNKNOWN_CLUSTER_ID;
  }
}

/** The `dead-letter` envelope for one poison record: original coordinates and bytes, the error, when. */
export function toDeadLetter(poison: PoisonRecord, context: DeadLetterContext): DeadLetterEvent {
  const { location, raw, error } = poison;
  const time = context.now.toISOString();
  const issues = poison.issues?.slice(0, MAX_ISSUES).map((found) => truncate(formatIssue(found), MAX_ISSUE));
  return {
    specversion: SPEC_VERSION,
    id: deadLetterId(context.source, location),
    type: 'dead-letter',
    clusterId: clusterIdOf(raw),
    time,
    source: context.source,
    data: {
      topic: location.topic,
      partition: location.partition,
      offset: location.offset,
      key: encodeField(raw.key),
      value: encodeField(raw.value),
      headers: decodeHeaders(raw.headers),
      error: { code: error.code, message: truncate(error.message, MAX_MESSAGE), ...(issues === undefined ? {} : { issues }) },
      failedAt: time,
    },
  };
}
