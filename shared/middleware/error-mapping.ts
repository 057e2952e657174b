import { AppError, ERROR_CODES, type ErrorCode } from '../core/errors.ts';

/**
 * Each error code's transport, in one place (STYLE §4): the HTTP status comes from the code table, and on
 * Kafka a retryable code means "retry the record" (list it in `batchItemFailures`) while any other means
 * "it can never succeed": dead-letter it and acknowledge it, so one poison record cannot stall a partition.
 */
export const KAFKA_DISPOSITIONS = ['retry', 'dead-letter'] as const;

/** What a Kafka batch does with a failed record. */
export type KafkaDisposition = (typeof KAFKA_DISPOSITIONS)[number];

/**
 * `error` as an `AppError`: itself, or `INTERNAL` with the original as `cause`. Anything that reaches an
 * edge without a code is a bug (adapters translate vendor errors), hence not retryable.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', `unexpected error: ${message}`, { cause: error });
}

/** The HTTP status for `error`, from the code table. */
export const httpStatusFor = (error: unknown): number => ERROR_CODES[toAppError(error).code].status;

/** Whether a failed Kafka record is retried or dead-lettered, from the code table's `retryable`. */
export const kafkaDispositionFor = (error: unknown): KafkaDisposition => dispositionOfCode(toAppError(error).code);

/** The disposition of a code. */
export const dispositionOfCode = (code: ErrorCode): KafkaDisposition => (ERROR_CODES[code].retryable ? 'retry' : 'dead-letter');
