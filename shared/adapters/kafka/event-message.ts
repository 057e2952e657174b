import { AppError } from '../../core/errors.ts';
import { formatIssue } from '../../core/model/issue.ts';
import { anyEventSchema, type AnyEvent } from '../../schemas/events/any-event.ts';
import { keyFor } from '../../schemas/events/key-for.ts';
import { dotPath, formatZodIssues } from '../../schemas/format-issues.ts';
import { CONTENT_ENCODING, gzipText } from '../../middleware/content-encoding.ts';
import { compactIssue } from '../../middleware/shorten.ts';

/**
 * Headers every event message carries, so tools can route and filter without parsing the value; a
 * gzipped value also carries `content-encoding: gzip` ({@link gzipMessage}).
 */
export const EVENT_HEADERS = { type: 'ce-type', id: 'ce-id', contentType: 'content-type', contentEncoding: CONTENT_ENCODING.header } as const;

/** One Kafka message: key, JSON value (as text, or gzipped bytes), text headers. */
export interface EventMessage<V extends string | Buffer = string> {
  readonly key: string;
  readonly value: V;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The Kafka message for `event`: the envelope as JSON, the key from {@link keyFor}, and the headers
 * `ce-type`, `ce-id` and `content-type: application/json`. The event is validated first, so a producer
 * bug is reported here (`INVALID_INPUT`, every issue named) and never reaches a consumer as a poison record.
 */
export function toEventMessage(event: AnyEvent): EventMessage {
  const parsed = anyEventSchema.safeParse(event, { reportInput: true });
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues, (path) => dotPath(['event', ...path])).map((found) => compactIssue(found));
    throw new AppError('INVALID_INPUT', `refusing to publish an invalid ${String(event.type)} event: ${issues.map(formatIssue).join('; ')}`, {
      details: { id: String(event.id), issues },
    });
  }
  return {
    key: keyFor(parsed.data),
    value: JSON.stringify(parsed.data),
    headers: { [EVENT_HEADERS.type]: parsed.data.type, [EVENT_HEADERS.id]: parsed.data.id, [EVENT_HEADERS.contentType]: 'application/json' },
  };
}

/**
 * `message` with its JSON value gzipped and the header `content-encoding: gzip` added (`content-type`
 * stays `application/json`: it is what the value is once decoded). Every consumer decodes it through
 * `shared/middleware/content-encoding.ts`. A busy node's gpu.metrics value shrinks about 3.8×.
 */
export function gzipMessage(message: EventMessage): EventMessage<Buffer> {
  return { key: message.key, value: gzipText(message.value), headers: { ...message.headers, [EVENT_HEADERS.contentEncoding]: CONTENT_ENCODING.gzip } };
}
