import type { MiddlewareObj, Request } from '@middy/core';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { readOutcome } from './batch-outcome.ts';
import { toAppError } from './error-mapping.ts';
import { allLocations, identifierKey, isKafkaBatch, type BatchOutcome, type ItemIdentifier, type KafkaBatch, type KafkaBatchResponse } from './kafka-batch.ts';
import type { LambdaKafkaEvent } from './kafka-event-schema.ts';
import { parseOptions } from './parse-options.ts';

/** Options of {@link kafkaBatchResponse}. */
export interface KafkaBatchResponseOptions {
  /** Told when the whole batch is retried (the handler threw, or broke its contract), for logs and metrics. */
  readonly onBatchFailure?: (error: AppError) => void;
}

const optionsSchema = z.strictObject({
  onBatchFailure: z.custom<(error: AppError) => void>((value) => typeof value === 'function', { error: 'be a function' }).optional(),
});

const byPosition = (a: ItemIdentifier, b: ItemIdentifier): number =>
  a.partition === b.partition ? a.offset - b.offset : a.partition < b.partition ? -1 : 1;

/** Every record of the batch as a failure. */
const everyRecord = (batch: KafkaBatch<unknown>): KafkaBatchResponse =>
  ({ batchItemFailures: allLocations(batch).map(({ itemIdentifier }) => itemIdentifier).sort(byPosition).map((itemIdentifier) => ({ itemIdentifier })) });

/**
 * The partial batch response for `outcome`: its failures plus any rejected record that was not parked,
 * each once, in partition and offset order; `undefined` when a failure names a record that is not in the
 * batch: the handler broke its contract (Lambda would fail the whole batch on such an identifier).
 */
export function toBatchResponse(batch: KafkaBatch<unknown>, outcome: BatchOutcome): KafkaBatchResponse | undefined {
  const inBatch = new Set(allLocations(batch).map(({ itemIdentifier }) => identifierKey(itemIdentifier)));
  const parked = new Set((outcome.parked ?? []).map(identifierKey));
  const unparked = batch.rejected.filter(({ itemIdentifier }) => !parked.has(identifierKey(itemIdentifier)));
  const failed = new Map<string, ItemIdentifier>();
  for (const { itemIdentifier } of [...outcome.failed, ...unparked]) {
    const key = identifierKey(itemIdentifier);
    if (!inBatch.has(key)) return undefined;
    failed.set(key, { partition: itemIdentifier.partition, offset: itemIdentifier.offset });
  }
  return { batchItemFailures: [...failed.values()].sort(byPosition).map((itemIdentifier) => ({ itemIdentifier })) };
}

/**
 * `after` and `onError`: turn the handler's {@link BatchOutcome} into the Lambda Kafka partial batch
 * response `{ batchItemFailures: [{ itemIdentifier: { partition: "topic-partition", offset } }] }`
 * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html). Lambda resumes each
 * listed partition from its lowest listed offset. When the handler throws and no inner middleware settled
 * the batch (`deadLetter` settles non-retryable errors), every record is listed: retried, never dropped.
 * Use it outermost, so its `after` runs last. An event that was never decoded is left alone (errors rethrow).
 */
export function kafkaBatchResponse(options: KafkaBatchResponseOptions = {}): MiddlewareObj<LambdaKafkaEvent, KafkaBatchResponse> {
  const { onBatchFailure } = parseOptions('kafkaBatchResponse', optionsSchema, options);
  const respond = (request: Request<unknown>, batch: KafkaBatch<unknown>, thrown: unknown): void => {
    const outcome = thrown === undefined || request.response !== undefined ? readOutcome(request.response) : undefined;
    const response = outcome === undefined ? undefined : toBatchResponse(batch, outcome);
    if (response !== undefined) {
      request.response = response;
      return;
    }
    onBatchFailure?.(thrown === undefined ? new AppError('INTERNAL', 'the handler returned a result that is not a batch outcome for this batch') : toAppError(thrown));
    request.response = everyRecord(batch);
  };
  return {
    name: 'kafkaBatchResponse',
    after: (request) => {
      const { event } = request as Request<unknown>;
      if (isKafkaBatch(event)) respond(request as Request<unknown>, event, undefined);
    },
    onError: (request) => {
      const { event } = request as Request<unknown>;
      if (isKafkaBatch(event)) respond(request as Request<unknown>, event, request.error ?? new Error('unknown error'));
    },
  };
}
