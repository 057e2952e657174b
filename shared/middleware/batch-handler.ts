import type { Context } from 'aws-lambda';
import { AppError } from '../core/errors.ts';
import { isKafkaBatch, type BatchOutcome, type KafkaBatch, type KafkaBatchResponse } from './kafka-batch.ts';
import type { LambdaKafkaEvent } from './kafka-event-schema.ts';

/** A Kafka function's business logic: the decoded batch in, the failed records out. */
export type KafkaBatchFn<T> = (batch: KafkaBatch<T>, context: Context) => Promise<BatchOutcome | undefined>;

/**
 * Adapt `fn` to middy's handler slot. The middy chain is typed by what Lambda sends and answers
 * (`LambdaKafkaEvent` in, `KafkaBatchResponse` out), which is what the runner calls it with; the decoding
 * and response middlewares change the shapes in between. This checks at run time that
 * `decodeKafkaRecords` ran, so a handler wired without it fails loudly instead of reading raw records.
 */
export function kafkaBatchHandler<T>(fn: KafkaBatchFn<T>): (event: LambdaKafkaEvent, context: Context) => Promise<KafkaBatchResponse> {
  return async (event, context) => {
    const batch: unknown = event;
    if (!isKafkaBatch(batch)) throw new AppError('INTERNAL', 'the Kafka handler needs the decodeKafkaRecords middleware before it');
    // The outcome becomes a KafkaBatchResponse in kafkaBatchResponse's `after`.
    return (await fn(batch as KafkaBatch<T>, context)) as unknown as KafkaBatchResponse;
  };
}
