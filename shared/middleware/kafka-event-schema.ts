import { z } from 'zod';

/**
 * The Lambda Kafka event, validated leniently (reference §D8.7): MSK sends `eventSource: "aws:kafka"`,
 * self-managed Kafka `"SelfManagedKafka"` (some docs show `"aws:SelfManagedKafka"`); partitions and offsets
 * may arrive as strings; `key` may be absent. Shape: https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html
 * and https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html
 *
 * The event is checked in two layers so one bad record never fails the batch:
 * - {@link lambdaKafkaEventSchema} and {@link recordLocationSchema}: what Lambda itself guarantees. If this
 *   fails the event is not a Kafka event at all, and the whole invocation fails;
 * - {@link recordPayloadSchema}: key, value and headers of one record. If this fails, that record is rejected.
 */
export const KAFKA_EVENT_SOURCES = ['aws:kafka', 'SelfManagedKafka', 'aws:SelfManagedKafka'] as const;

const WHOLE = 'be a whole number 0 or more (or its digits as a string)';
const wholeNumber = z.union([
  z.int({ error: WHOLE }).min(0, { error: WHOLE }),
  z.string().regex(/^\d{1,16}$/, { error: WHOLE }).transform(Number),
], { error: WHOLE }).pipe(z.number().max(Number.MAX_SAFE_INTEGER, { error: 'be at most 2^53 - 1' }));

/** The event around the records; each record is checked on its own. */
export const lambdaKafkaEventSchema = z.looseObject({
  eventSource: z.enum(KAFKA_EVENT_SOURCES, { error: `be one of ${KAFKA_EVENT_SOURCES.join(', ')}` }),
  eventSourceArn: z.string().optional(),
  bootstrapServers: z.string().optional(),
  records: z.record(z.string(), z.array(z.unknown(), { error: 'be an array of records' }), { error: 'be an object of record arrays keyed "topic-partition"' }),
});

/** Where a record sits: needed to acknowledge or retry it, so without it the event is unusable. */
export const recordLocationSchema = z.looseObject({
  topic: z.string({ error: 'be a topic name' }).min(1, { error: 'be a topic name' }),
  partition: wholeNumber,
  offset: wholeNumber,
});

const BYTE = 'be a byte (a whole number 0 to 255)';
const isByte = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255;
/**
 * Bytes: checked in one loop, an issue per bad element at its index (a record carries some 70 header
 * bytes, and a schema per element cost the decoder about a third of its time per record).
 */
const byteArraySchema = z.array(z.unknown(), { error: 'be an array of bytes' }).superRefine((bytes, context) => {
  bytes.forEach((byte, index) => {
    if (!isByte(byte)) context.addIssue({ code: 'custom', message: BYTE, path: [index], input: byte });
  });
}) as unknown as z.ZodType<number[], number[]>;
/** One header: a name and its value as bytes. */
export const headerBytesSchema = z.record(z.string(), byteArraySchema, { error: 'be an object of header name to bytes' });

/** A record's payload: base64 key (optional) and value, headers as byte arrays, timestamp. */
export const recordPayloadSchema = z.looseObject({
  key: z.base64({ error: 'be base64 text' }).nullish(),
  value: z.base64({ error: 'be base64 text' }),
  headers: z.array(headerBytesSchema, { error: 'be an array of headers' }).optional(),
  timestamp: z.number({ error: 'be a number (ms since the epoch)' }).optional(),
  timestampType: z.string().optional(),
});

/** The event as Lambda or the runner delivers it (the input form: partitions may be strings). */
export type LambdaKafkaEvent = z.input<typeof lambdaKafkaEventSchema> & {
  readonly records: Readonly<Record<string, readonly LambdaKafkaRecord[]>>;
};

/** One record as delivered. */
export type LambdaKafkaRecord = z.input<typeof recordLocationSchema> & z.input<typeof recordPayloadSchema>;

/** A record's payload after validation. */
export type RecordPayload = z.output<typeof recordPayloadSchema>;
