// Gathering consumed records into handler batches, per partition, the way Lambda's Kafka event source
// mapping does: a batch goes out when it holds `batchSize` records, would pass the payload limit, or its
// oldest record has waited the batching window (https://docs.aws.amazon.com/lambda/latest/dg/msk-esm-parameters.html).
// Bytes are counted as Lambda counts them: each record's size in the Lambda event (base64 key and value,
// headers as byte arrays). Pure: the runner passes the time in.
import { lambdaRecordBytes } from '../../shared/adapters/kafka/lambda-event-bytes.ts';
import type { ConsumedRecord } from '../../shared/adapters/kafka/lambda-event.ts';

/** A consumed record not yet handed to the handler, when it was fetched (ms), and its bytes in the Lambda event. */
export interface PendingRecord {
  readonly record: ConsumedRecord;
  readonly fetchedAtMs: number;
  /** `lambdaRecordBytes` plus the comma after it: what the record adds to a batch's event. */
  readonly eventBytes: number;
}

/** `record`, fetched at `fetchedAtMs`, as it waits: its Lambda event size counted once. */
export const toPending = (record: ConsumedRecord, fetchedAtMs: number): PendingRecord => ({ record, fetchedAtMs, eventBytes: lambdaRecordBytes(record) + 1 });

/** When batches go out. */
export interface BatchLimits {
  readonly batchSize: number;
  readonly windowMs: number;
  /**
   * Bytes of the Lambda event the batch's records may make (Lambda: 6 MB payload, less the event's own
   * fields, `lambdaEnvelopeBytes`); one larger record still goes alone.
   */
  readonly maxBatchBytes: number;
}

/** What {@link takeBatches} decided: batches to hand over now, in offset order, and records to keep waiting. */
export interface TakenBatches {
  readonly batches: readonly (readonly ConsumedRecord[])[];
  readonly rest: readonly PendingRecord[];
}

const offsetOf = (pending: PendingRecord): number => Number(pending.record.offset);

/**
 * Add freshly fetched records of one partition to those waiting. A fetch that starts at or before a
 * waiting record (kafkajs re-fetches from the committed offset after a rebalance or a seek) replaces
 * the waiting records from that offset on, so no record is ever held twice.
 */
export function appendFetched(pending: readonly PendingRecord[], fetched: readonly PendingRecord[]): PendingRecord[] {
  const first = fetched[0];
  if (first === undefined) return [...pending];
  const from = offsetOf(first);
  return [...pending.filter((waiting) => offsetOf(waiting) < from), ...fetched];
}

/** The next batch from the front of `pending`: up to `batchSize` records and `maxBatchBytes` bytes, at least one record. */
function nextBatch(pending: readonly PendingRecord[], limits: BatchLimits): { length: number; bytes: number } {
  let bytes = 0;
  let length = 0;
  for (const waiting of pending.slice(0, limits.batchSize)) {
    if (length > 0 && bytes + waiting.eventBytes > limits.maxBatchBytes) break;
    bytes += waiting.eventBytes;
    length += 1;
  }
  return { length, bytes };
}

/**
 * Cut the waiting records of one partition into batches. Full batches (by count or bytes) go at once;
 * the remainder goes when its oldest record has waited `windowMs`, or when the partition is caught up
 * (the fetch itself already waited the window at the broker, so nothing more is coming soon).
 */
export function takeBatches(pending: readonly PendingRecord[], limits: BatchLimits, at: { readonly nowMs: number; readonly caughtUp: boolean }): TakenBatches {
  const batches: ConsumedRecord[][] = [];
  let rest = pending;
  for (;;) {
    const { length, bytes } = nextBatch(rest, limits);
    const oldest = rest[0];
    if (oldest === undefined) break;
    // Full: cut by count or bytes, or unable to take another record.
    const full = length < rest.length || length === limits.batchSize || bytes >= limits.maxBatchBytes;
    const due = at.caughtUp || at.nowMs - oldest.fetchedAtMs >= limits.windowMs;
    if (!full && !due) break;
    batches.push(rest.slice(0, length).map((waiting) => waiting.record));
    rest = rest.slice(length);
  }
  return { batches, rest };
}
