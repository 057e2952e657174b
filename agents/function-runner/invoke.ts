// One handler invocation: the Lambda event and context in, the partial batch response (or the throw)
// out, with group heartbeats while it runs so a long batch does not cost the partition.
import type { Context } from 'aws-lambda';
import { toAppError } from '../../shared/middleware/error-mapping.ts';
import type { LambdaKafkaEvent } from '../../shared/middleware/kafka-event-schema.ts';
import { readHandlerResponse, type InvocationOutcome } from './commit-plan.ts';

/** A Kafka-triggered function's handler, as Lambda calls it (a middy chain is one). */
export type KafkaHandler = (event: LambdaKafkaEvent, context: Context) => unknown;

/** One invocation. */
export interface InvokeOptions {
  readonly handler: KafkaHandler;
  readonly event: LambdaKafkaEvent;
  readonly context: Context;
  /** The consumer's heartbeat; kafkajs sends one only when its interval has passed, so calling often is cheap. */
  readonly heartbeat: () => Promise<void>;
  readonly heartbeatEveryMs: number;
}

/**
 * Call the handler and read its answer. A throw, or an answer Lambda could not read, is a failed batch
 * (`threw`). Heartbeat failures while it runs are ignored here: a rebalance shows up again when the
 * batch ends, and the records are then read again by the partition's next owner.
 */
export async function invokeHandler(options: InvokeOptions): Promise<InvocationOutcome> {
  const timer = setInterval(() => { options.heartbeat().catch(() => undefined); }, options.heartbeatEveryMs);
  try {
    return readHandlerResponse(await options.handler(options.event, options.context));
  } catch (error) {
    return { kind: 'threw', error: toAppError(error) };
  } finally {
    clearInterval(timer);
  }
}
