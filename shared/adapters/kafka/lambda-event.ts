import type { LambdaKafkaEvent } from '../../middleware/kafka-event-schema.ts';

/** Bytes as kafkajs hands them over (Buffer) or as text (encoded as UTF-8). */
export type MessageBytes = Uint8Array | string;

/** A consumed record, in the shape kafkajs's `eachBatch` gives (`batch.topic`, `batch.partition`, message). */
export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  /** kafkajs gives offsets and timestamps as strings. */
  readonly offset: string | number;
  readonly timestamp: string | number;
  readonly key?: MessageBytes | null;
  readonly value: MessageBytes | null;
  readonly headers?: Readonly<Record<string, MessageBytes | readonly MessageBytes[] | undefined>>;
}

/** What Lambda puts around the records. */
export interface LambdaKafkaEventOptions {
  readonly eventSource: 'aws:kafka' | 'SelfManagedKafka';
  /** Comma-separated `host:port` list, as Lambda sends it. */
  readonly bootstrapServers: string;
  /** MSK only. */
  readonly eventSourceArn?: string;
}

const toBytes = (bytes: MessageBytes): Buffer => (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes));
const base64 = (bytes: MessageBytes): string => toBytes(bytes).toString('base64');

/** Headers as Lambda sends them: one single-entry object per header value, the value as a byte array. */
function lambdaHeaders(headers: ConsumedRecord['headers']): Record<string, number[]>[] {
  const out: Record<string, number[]>[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values: readonly MessageBytes[] = value === undefined ? [] : Array.isArray(value) ? value : [value as MessageBytes];
    for (const one of values) out.push({ [name]: [...toBytes(one)] });
  }
  return out;
}

/** One record in Lambda's shape: base64 key (absent when null) and value, numeric offset and timestamp. */
export function lambdaRecord(record: ConsumedRecord): LambdaKafkaEvent['records'][string][number] {
  return {
    topic: record.topic,
    partition: record.partition,
    offset: Number(record.offset),
    timestamp: Number(record.timestamp),
    timestampType: 'CREATE_TIME',
    ...(record.key === undefined || record.key === null ? {} : { key: base64(record.key) }),
    // Lambda's value is a string; a tombstone (null value) has no bytes, sent as an empty string.
    value: record.value === null ? '' : base64(record.value),
    headers: lambdaHeaders(record.headers),
  };
}

/**
 * Build the event AWS Lambda gives a Kafka-triggered function (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html):
 * records grouped by `"<topic>-<partition>"` in arrival order, base64 key and value, headers as byte arrays.
 * The runner uses it to call the very same handlers off AWS; tests use it to feed them.
 */
export function toLambdaKafkaEvent(records: readonly ConsumedRecord[], options: LambdaKafkaEventOptions): LambdaKafkaEvent {
  const grouped: Record<string, ReturnType<typeof lambdaRecord>[]> = {};
  for (const record of records) {
    const group = `${record.topic}-${record.partition}`;
    (grouped[group] ??= []).push(lambdaRecord(record));
  }
  return {
    eventSource: options.eventSource,
    ...(options.eventSourceArn === undefined ? {} : { eventSourceArn: options.eventSourceArn }),
    bootstrapServers: options.bootstrapServers,
    records: grouped,
  };
}
