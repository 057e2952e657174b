import type { AppError } from '../core/errors.ts';
import type { Issue } from '../core/model/issue.ts';

/**
 * A record's identity in a Lambda Kafka partial batch response: `partition` is `"<topic>-<partition>"` and
 * `offset` a number. Lambda rejects a string identifier for Kafka and retries the whole batch.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
 */
export interface ItemIdentifier {
  readonly partition: string;
  readonly offset: number;
}

/** The Lambda record as received, kept so a dead letter can carry the original bytes. */
export type RawKafkaRecord = Readonly<Record<string, unknown>>;

/** Where a record came from. */
export interface RecordLocation {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly itemIdentifier: ItemIdentifier;
}

/** A decoded record: key and headers as text, `value` parsed and validated by its topic's schema. */
export interface KafkaRecord<T> extends RecordLocation {
  readonly key: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** Milliseconds since the epoch, when the transport gave one. */
  readonly timestamp: number | undefined;
  readonly value: T;
  readonly raw: RawKafkaRecord;
}

/** A record that could not be decoded, with every issue found, each naming its place in the event. */
export interface RejectedRecord extends RecordLocation {
  readonly issues: readonly Issue[];
  readonly raw: RawKafkaRecord;
}

/**
 * What the handler receives once `decodeKafkaRecords` has run: the good records, in event order, and the
 * rejected ones, which the handler ignores (`deadLetter` parks them; any not parked are retried).
 */
export interface KafkaBatch<T> {
  readonly kind: 'kafka-batch';
  readonly eventSource: string;
  readonly records: readonly KafkaRecord<T>[];
  readonly rejected: readonly RejectedRecord[];
}

/** A record the handler could not process, and why. `error.retryable` decides retry or dead letter. */
export interface RecordFailure {
  readonly itemIdentifier: ItemIdentifier;
  readonly error: AppError;
}

/** What a Kafka handler returns: the records that failed. Everything not listed succeeded. */
export interface BatchOutcome {
  readonly failed: readonly RecordFailure[];
  /** Set by `deadLetter`, not by handlers: the records it parked on the dead-letter topic (acknowledged). */
  readonly parked?: readonly ItemIdentifier[];
}

/** The partial batch response Lambda reads (with `ReportBatchItemFailures` on the event source mapping). */
export interface KafkaBatchResponse {
  readonly batchItemFailures: readonly { readonly itemIdentifier: ItemIdentifier }[];
}

/** Whether `event` is a decoded batch (rather than the raw Lambda event). */
export function isKafkaBatch(event: unknown): event is KafkaBatch<unknown> {
  return typeof event === 'object' && event !== null && (event as { kind?: unknown }).kind === 'kafka-batch';
}

/** The identifier of the record at `topic`/`partition`/`offset`. */
export function itemIdentifierOf(location: { readonly topic: string; readonly partition: number; readonly offset: number }): ItemIdentifier {
  return { partition: `${location.topic}-${location.partition}`, offset: location.offset };
}

/** A string that is equal for equal identifiers, for sets and maps. */
export const identifierKey = (id: ItemIdentifier): string => `${id.partition}@${id.offset}`;

/** Every record of the batch, decoded or rejected. */
export function allLocations(batch: KafkaBatch<unknown>): RecordLocation[] {
  return [...batch.records, ...batch.rejected];
}
