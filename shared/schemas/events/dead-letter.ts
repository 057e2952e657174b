import { z } from 'zod';
import { clusterIdField, countField, isoTimeField, textField } from './event-fields.ts';
import { envelopeOf } from './envelope.ts';

/** The event types on the `dead-letter` topic. */
export const DEAD_LETTER_EVENT_TYPES = ['dead-letter'] as const;

/**
 * The cluster id a dead letter carries when the failed record names none (its value was not an envelope).
 * It is a valid cluster id, so dead letters stay valid envelopes; no real cluster should take this name.
 */
export const UNKNOWN_CLUSTER_ID = 'unknown';

/** How raw bytes are kept: `utf8` text when they decode as UTF-8, else `base64`; `json` when the transport
 * handed over something that was not base64 at all (the field as received, as JSON text). */
export const BYTE_ENCODINGS = ['utf8', 'base64', 'json'] as const;

/** Bytes of the failed record, kept exactly so the record can be replayed. */
export const encodedBytesSchema = z.object({
  encoding: z.enum(BYTE_ENCODINGS, { error: `be one of ${BYTE_ENCODINGS.join(', ')}` }),
  data: z.string({ error: 'be a string' }),
});

/** Why the record failed: an error code from the table in `shared/core/errors.ts`, the message, each issue. */
export const failureSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z_]*$/, { error: 'be an error code like INVALID_INPUT' }),
  message: z.string({ error: 'be a string' }),
  issues: z.array(z.string()).optional(),
});

/**
 * `dead-letter`: a record that can never succeed (undecodable, or failed with a non-retryable error),
 * parked so its partition moves on. It keeps the original coordinates and bytes, for inspection and replay.
 */
export const deadLetterSchema = envelopeOf('dead-letter', z.object({
  topic: textField(249),
  partition: countField,
  offset: countField,
  key: encodedBytesSchema.nullable(),
  value: encodedBytesSchema.nullable(),
  /** Headers decoded as UTF-8 text; the last one wins when a name repeats. */
  headers: z.record(z.string(), z.string()),
  error: failureSchema,
  failedAt: isoTimeField,
}));

/** Any event of the `dead-letter` topic. */
export const deadLetterEventSchema = deadLetterSchema;

/** A validated dead letter. */
export type DeadLetterEvent = z.output<typeof deadLetterEventSchema>;
/** Bytes of a dead-lettered record. */
export type EncodedBytes = z.output<typeof encodedBytesSchema>;

/** Whether `value` can serve as a dead letter's cluster id. */
export const isClusterId = (value: unknown): value is string => clusterIdField.safeParse(value).success;
