import { AppError } from '../core/errors.ts';
import { formatIssue } from '../core/model/issue.ts';
import type { PoisonRecord } from './dead-letter-envelope.ts';
import { kafkaDispositionFor } from './error-mapping.ts';
import { identifierKey, type BatchOutcome, type KafkaBatch, type RecordFailure, type RejectedRecord } from './kafka-batch.ts';

/** What to do with the batch's failures: park `poison` on the dead-letter topic, retry `retry`. */
export interface DeadLetterPlan {
  readonly poison: readonly PoisonRecord[];
  readonly retry: readonly RecordFailure[];
}

const rejectedError = (rejected: RejectedRecord): AppError =>
  new AppError('INVALID_INPUT', `record could not be decoded: ${rejected.issues.map(formatIssue).join('; ')}`, { details: { issues: rejected.issues } });

/** Poison records of a batch whose handler returned `outcome`, or threw the non-retryable `batchError`. */
function collect(batch: KafkaBatch<unknown>, outcome: BatchOutcome, batchError: AppError | undefined): DeadLetterPlan {
  const byId = new Map(batch.records.map((record) => [identifierKey(record.itemIdentifier), record]));
  const poison: PoisonRecord[] = batch.rejected.map((rejected) => ({ location: rejected, raw: rejected.raw, error: rejectedError(rejected), issues: rejected.issues }));
  const retry: RecordFailure[] = [];
  if (batchError !== undefined) {
    poison.push(...batch.records.map((record) => ({ location: record, raw: record.raw, error: batchError })));
    return { poison, retry };
  }
  for (const failure of outcome.failed) {
    const record = byId.get(identifierKey(failure.itemIdentifier));
    // A failure naming no record of the batch stays listed, so kafkaBatchResponse sees the broken contract.
    if (record === undefined || kafkaDispositionFor(failure.error) === 'retry') retry.push(failure);
    else poison.push({ location: record, raw: record.raw, error: failure.error });
  }
  return { poison, retry };
}

/**
 * Split a batch's failures into records to park and records to retry. A poison record that comes after a
 * retried record of the same partition is retried too, not parked: Lambda resumes that partition from the
 * lowest failed offset, so the record is delivered again anyway and parking it now would park it twice.
 */
export function planDeadLetters(batch: KafkaBatch<unknown>, outcome: BatchOutcome, batchError?: AppError): DeadLetterPlan {
  const collected = collect(batch, outcome, batchError);
  const firstRetry = new Map<string, number>();
  for (const { itemIdentifier: { partition, offset } } of collected.retry) {
    firstRetry.set(partition, Math.min(offset, firstRetry.get(partition) ?? offset));
  }
  const isLater = (poison: PoisonRecord): boolean => poison.location.offset > (firstRetry.get(poison.location.itemIdentifier.partition) ?? Infinity);
  return {
    poison: collected.poison.filter((poison) => !isLater(poison)),
    retry: [
      ...collected.retry,
      ...collected.poison.filter(isLater).map((poison) => ({ itemIdentifier: poison.location.itemIdentifier, error: poison.error })),
    ],
  };
}
