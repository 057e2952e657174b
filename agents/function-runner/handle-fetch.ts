// What the runner does with each batch kafkajs fetched for one partition: gather records into handler
// batches, invoke the handler with the Lambda event, commit what succeeded, and reposition the partition
// after a failure (seek back to the lowest failed record, paused for the backoff).
import type { Context } from 'aws-lambda';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { lambdaEnvelopeBytes } from '../../shared/adapters/kafka/lambda-event-bytes.ts';
import { toLambdaKafkaEvent, type ConsumedRecord } from '../../shared/adapters/kafka/lambda-event.ts';
import { appendFetched, takeBatches, toPending, type PendingRecord } from './batcher.ts';
import { planBatch } from './commit-plan.ts';
import type { RunnerConfig } from './config.ts';
import { invokeHandler, type KafkaHandler } from './invoke.ts';
import { settleBatch, type SettleContext, type SettledBatch } from './settle-batch.ts';

/** The runner's state that outlives one fetch. */
export interface FetchContext extends SettleContext {
  readonly config: RunnerConfig;
  readonly handler: KafkaHandler;
  /** Fetched records not yet handed to the handler, by `topic-partition`. */
  readonly pending: Map<string, readonly PendingRecord[]>;
  /** Move a partition's next fetch to `offset` (kafkajs `consumer.seek`). */
  readonly seek: (position: { readonly topic: string; readonly partition: number; readonly offset: number }) => void;
  /** Run `resume` after `delayMs`, unless the runner stops first. */
  readonly later: (delayMs: number, resume: () => void) => void;
  /** Monotonic milliseconds. */
  readonly nowMs: () => number;
  /** One invocation's Lambda context (`lambdaContextFactory`, made once per runner). */
  readonly lambdaContext: () => Context;
}

const HEARTBEAT_EVERY_MS = 1_000;

const toConsumed = (topic: string, partition: number, message: KafkaMessage): ConsumedRecord => ({
  topic, partition, offset: message.offset, timestamp: message.timestamp, key: message.key, value: message.value,
  ...(message.headers === undefined ? {} : { headers: message.headers }),
});

/** Invoke the handler with one batch and settle its outcome. */
async function runBatch(context: FetchContext, payload: EachBatchPayload, records: readonly ConsumedRecord[]): Promise<SettledBatch> {
  const { config, metrics } = context;
  const started = context.nowMs();
  const event = toLambdaKafkaEvent(records, { eventSource: config.eventSource, bootstrapServers: config.brokers.join(',') });
  const lambdaContext = context.lambdaContext();
  metrics.count('invocations');
  metrics.count('recordsIn', records.length);
  const outcome = await invokeHandler({ handler: context.handler, event, context: lambdaContext, heartbeat: payload.heartbeat, heartbeatEveryMs: HEARTBEAT_EVERY_MS });
  metrics.observeBatchMs(context.nowMs() - started);
  const planned = planBatch(records, outcome);
  if (outcome.kind === 'threw' || planned.namesUnknownRecords) {
    metrics.count('invocationErrors');
    context.log('warn', `invocation ${lambdaContext.awsRequestId} failed as a whole; retrying its records`, outcome.kind === 'threw' ? { code: outcome.error.code, error: outcome.error.message } : { failures: outcome.failures });
  }
  const [plan] = planned.partitions;
  return plan === undefined ? { commitOffset: undefined } : settleBatch(context, { records, outcome, plan });
}

/** Commit `offset` (the next one to read) for the batch's partition, if there is one. kafkajs errors pass through, so kafkajs can rejoin on a rebalance. */
async function commit(payload: EachBatchPayload, offset: number | undefined): Promise<void> {
  if (offset === undefined) return;
  const { topic, partition } = payload.batch;
  await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: String(offset) }] }] });
}

/** Read the partition again from `offset`, after `delayMs` (the partition is paused meanwhile). */
function reposition(context: FetchContext, payload: EachBatchPayload, at: { readonly offset: number; readonly delayMs: number }): void {
  const { topic, partition } = payload.batch;
  context.pending.delete(`${topic}-${partition}`);
  context.seek({ topic, partition, offset: at.offset });
  if (at.delayMs > 0) context.later(at.delayMs, payload.pause());
}

/**
 * kafkajs `eachBatch` (auto-resolve and auto-commit off). The fetched records join the partition's
 * waiting records and the fetch position moves past them (resolving moves the position only; nothing is
 * committed until the handler succeeded). Due batches go to the handler in order; after the last one, or
 * at the first failure, the successes are committed. When the consumer stops, the batch in flight
 * finishes and is committed, and the rest is left for the next read.
 */
export async function handleFetch(context: FetchContext, payload: EachBatchPayload): Promise<void> {
  const { batch } = payload;
  const last = batch.messages.at(-1);
  if (last === undefined) return;
  const key = `${batch.topic}-${batch.partition}`;
  const nowMs = context.nowMs();
  const fetched = batch.messages.map((message) => toPending(toConsumed(batch.topic, batch.partition, message), nowMs));
  payload.resolveOffset(last.offset);
  const { config } = context;
  const envelopeBytes = lambdaEnvelopeBytes(key, { eventSource: config.eventSource, bootstrapServers: config.brokers.join(',') });
  const limits = { batchSize: config.batchSize, windowMs: config.batchWindowMs, maxBatchBytes: config.maxBatchBytes - envelopeBytes };
  const caughtUp = Number(batch.highWatermark) <= Number(batch.lastOffset()) + 1;
  const { batches, rest } = takeBatches(appendFetched(context.pending.get(key) ?? [], fetched), limits, { nowMs, caughtUp });
  context.pending.set(key, rest);
  let commitOffset: number | undefined;
  for (const records of batches) {
    if (!payload.isRunning() || payload.isStale()) {
      // Stopping: what was not handed over is read again from here, by this runner or the partition's next owner.
      await commit(payload, commitOffset);
      reposition(context, payload, { offset: Number(records[0]?.offset), delayMs: 0 });
      return;
    }
    const settled = await runBatch(context, payload, records);
    commitOffset = settled.commitOffset ?? commitOffset;
    if (settled.resumeFrom !== undefined) {
      await commit(payload, commitOffset);
      reposition(context, payload, { offset: settled.resumeFrom, delayMs: settled.delayMs ?? 0 });
      return;
    }
  }
  await commit(payload, commitOffset);
}
