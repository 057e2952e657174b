import { AppError } from '../../core/errors.ts';
import { formatIssue } from '../../core/model/issue.ts';
import { anyEventSchema, type AnyEvent } from '../../schemas/events/any-event.ts';
import { keyFor } from '../../schemas/events/key-for.ts';
import { dotPath, formatZodIssues } from '../../schemas/format-issues.ts';
import { compactIssue } from '../../middleware/shorten.ts';

/** Headers every event message carries, so tools can route and filter without parsing the value. */
export const EVENT_HEADERS = { type: 'ce-type', id: 'ce-id', contentType: 'content-type' } as const;

/** One Kafka message: key, JSON value, text headers. */
export interface EventMessage {
  readonly key: string;
  readonly value: string;
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
