import type { MiddlewareObj, Request } from '@middy/core';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import { readOutcome } from './batch-outcome.ts';
import { toDeadLetter } from './dead-letter-envelope.ts';
import { kafkaDispositionFor, toAppError } from './error-mapping.ts';
import { isKafkaBatch, type BatchOutcome, type KafkaBatchResponse, type RecordFailure } from './kafka-batch.ts';
import type { LambdaKafkaEvent } from './kafka-event-schema.ts';
import { hasMethod, parseOptions } from './parse-options.ts';
import { planDeadLetters, type DeadLetterPlan } from './plan-dead-letters.ts';

/** Options of {@link deadLetter}. */
export interface DeadLetterOptions {
  /** Where dead letters go. */
  readonly publisher: EventPublisher;
  /** Stamps `failedAt`. */
  readonly clock: Clock;
  /** The dead-letter topic: `TOPIC_NAMES.deadLetter` from `infra/topics.ts`. */
  readonly topic: string;
  /** Who parks the records, as the envelope `source`: `functions/allocate-gpus`. */
  readonly source: string;
}

const optionsSchema = z.strictObject({
  publisher: z.custom<EventPublisher>((value) => hasMethod(value, 'publish'), { error: 'be an EventPublisher (an object with publish())' }),
  clock: z.custom<Clock>((value) => hasMethod(value, 'now'), { error: 'be a Clock (an object with now())' }),
  topic: z.string({ error: 'be a topic name' }).min(1, { error: 'be a topic name' }),
  source: z.string({ error: 'be text' }).min(1, { error: 'not be empty' }).max(256, { error: 'be at most 256 characters' }),
});

type Settle = (plan: DeadLetterPlan) => Promise<BatchOutcome>;

/** Park the plan's poison records; if that fails, retry them too. Never drops a record. */
function settler(options: DeadLetterOptions): Settle {
  return async (plan) => {
    if (plan.poison.length === 0) return { failed: plan.retry, parked: [] };
    const context = { source: options.source, now: options.clock.now() };
    try {
      await options.publisher.publish(options.topic, plan.poison.map((poison) => toDeadLetter(poison, context)));
      return { failed: plan.retry, parked: plan.poison.map((poison) => poison.location.itemIdentifier) };
    } catch (cause) {
      const error = new AppError('DEPENDENCY_UNAVAILABLE', `could not publish to ${options.topic}: ${toAppError(cause).message}`, { cause });
      const unparked: RecordFailure[] = plan.poison.map((poison) => ({ itemIdentifier: poison.location.itemIdentifier, error }));
      return { failed: [...plan.retry, ...unparked], parked: [] };
    }
  };
}

/**
 * `after` and `onError`: park records that can never succeed on the dead-letter topic and acknowledge them,
 * so one poison record cannot stall its partition. Poison records are the rejected ones (decode failures),
 * those the handler failed with a non-retryable `AppError`, and, when the handler throws a non-retryable
 * error, every record. If publishing fails, they are retried instead: never dropped. Use it inside
 * `kafkaBatchResponse` and outside `decodeKafkaRecords` (see README.md).
 */
export function deadLetter(options: DeadLetterOptions): MiddlewareObj<LambdaKafkaEvent, KafkaBatchResponse> {
  const settle = settler(parseOptions('deadLetter', optionsSchema, options));
  return {
    name: 'deadLetter',
    // The response holds the handler's BatchOutcome until kafkaBatchResponse turns it into batchItemFailures.
    after: async (request) => {
      const { event, response } = request as Request<unknown>;
      const outcome = readOutcome(response);
      if (!isKafkaBatch(event) || outcome === undefined) return;
      (request as Request<unknown>).response = await settle(planDeadLetters(event, outcome));
    },
    onError: async (request) => {
      const { event } = request as Request<unknown>;
      const error = toAppError(request.error);
      if (!isKafkaBatch(event) || kafkaDispositionFor(error) === 'retry') return;
      (request as Request<unknown>).response = await settle(planDeadLetters(event, { failed: [] }, error));
    },
  };
}
