import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { toLambdaKafkaEvent, type ConsumedRecord } from '../adapters/kafka/lambda-event.ts';
import { AppError } from '../core/errors.ts';
import { fixedClock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { AnyEvent } from '../schemas/events/any-event.ts';
import type { DeadLetterEvent } from '../schemas/events/dead-letter.ts';
import { buildMetrics } from '../../test/fixtures/events.ts';
import { gpuMetricsEventSchema, type GpuMetricsEvent } from '../schemas/events/gpu-metrics.ts';
import { kafkaBatchHandler, type KafkaBatchFn } from './batch-handler.ts';
import { kafkaBatchResponse } from './batch-response.ts';
import { deadLetter } from './dead-letter.ts';
import { decodeKafkaRecords } from './decode-kafka-records.ts';
import type { KafkaBatch, KafkaBatchResponse } from './kafka-batch.ts';
import type { LambdaKafkaEvent } from './kafka-event-schema.ts';

const context = {} as Context;
const metrics = buildMetrics();
const badValue = JSON.stringify({ ...metrics, data: { ...metrics.data, node: 'Node_1' } });

/** A publisher that records what it sends, or fails every time. */
function recordingPublisher(failure?: Error): EventPublisher & { sent: { topic: string; events: AnyEvent[] }[] } {
  const sent: { topic: string; events: AnyEvent[] }[] = [];
  return { sent, publish: async (topic, events) => {
    if (failure !== undefined) throw failure;
    sent.push({ topic, events: [...events] });
  } };
}

/** The full chain a Kafka function uses, around `fn`. */
function buildHandler(fn: KafkaBatchFn<GpuMetricsEvent>, publisher: EventPublisher, onBatchFailure?: (error: AppError) => void) {
  return middy<LambdaKafkaEvent, KafkaBatchResponse>()
    .use(kafkaBatchResponse(onBatchFailure === undefined ? {} : { onBatchFailure }))
    .use(deadLetter({ publisher, clock: fixedClock('2025-02-01T00:00:00Z'), topic: 'dead-letter', source: 'functions/recommend-resources' }))
    .use(decodeKafkaRecords({ schemas: { 'gpu-metrics': gpuMetricsEventSchema } }))
    .handler(kafkaBatchHandler(fn));
}

const record = (partition: number, offset: number, value = JSON.stringify(metrics)): ConsumedRecord =>
  ({ topic: 'gpu-metrics', partition, offset: String(offset), timestamp: '0', key: 'prod-eu-1/gpu-node-1', value, headers: { 'ce-type': 'gpu.metrics' } });
const lambdaEvent = (...records: ConsumedRecord[]) => toLambdaKafkaEvent(records, { eventSource: 'aws:kafka', bootstrapServers: 'b-1:9092', eventSourceArn: 'arn:msk' });
const failure = (partition: string, offset: number) => ({ itemIdentifier: { partition, offset } });
const retryable = new AppError('VERSION_CONFLICT', 'ledger moved');
const poison = new AppError('CONFLICTING_OPTIONS', 'tflops and percent both set');
const lettersOf = (publisher: ReturnType<typeof recordingPublisher>): DeadLetterEvent[] =>
  publisher.sent.flatMap((sent) => sent.events as DeadLetterEvent[]);

describe('Middleware chain: Kafka batch (decode, dead letter, batch response)', () => {
  it('all good: the handler sees every decoded record and nothing fails', async () => {
    const publisher = recordingPublisher();
    let seen: KafkaBatch<GpuMetricsEvent> | undefined;
    const handler = buildHandler(async (batch) => { seen = batch; return { failed: [] }; }, publisher);
    await expect(handler(lambdaEvent(record(3, 1), record(3, 2), record(4, 9)), context)).resolves.toEqual({ batchItemFailures: [] });
    expect(seen?.records.map((good) => [good.itemIdentifier.partition, good.offset, good.value.data.node])).toEqual([
      ['gpu-metrics-3', 1, 'gpu-node-1'], ['gpu-metrics-3', 2, 'gpu-node-1'], ['gpu-metrics-4', 9, 'gpu-node-1'],
    ]);
    expect(publisher.sent).toEqual([]);
  });

  it('a handler that returns nothing succeeded with every record', async () => {
    const handler = buildHandler(async () => undefined, recordingPublisher());
    await expect(handler(lambdaEvent(record(3, 1)), context)).resolves.toEqual({ batchItemFailures: [] });
  });

  it('bad values: parked together with their locations and acknowledged, the good ones handled', async () => {
    const publisher = recordingPublisher();
    const handled: number[] = [];
    const handler = buildHandler(async (batch) => { handled.push(...batch.records.map((good) => good.offset)); return { failed: [] }; }, publisher);
    const response = await handler(lambdaEvent(record(3, 1), record(3, 2, badValue), record(3, 3, 'not json'), record(3, 4)), context);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(handled).toEqual([1, 4]);
    expect(publisher.sent.map((sent) => sent.topic)).toEqual(['dead-letter']);
    expect(lettersOf(publisher).map((letter) => [letter.data.offset, letter.data.error.code, letter.data.error.issues])).toEqual([
      [2, 'INVALID_INPUT', ['records["gpu-metrics-3"][1].value.data.node must be a Kubernetes object name (lowercase letters, digits, "-" and "."), got "Node_1"']],
      [3, 'INVALID_INPUT', ['records["gpu-metrics-3"][2].value must be JSON, got "not json"']],
    ]);
    expect(lettersOf(publisher)[0]).toMatchObject({
      type: 'dead-letter', clusterId: 'prod-eu-1', source: 'functions/recommend-resources', time: '2025-02-01T00:00:00.000Z',
      data: { topic: 'gpu-metrics', partition: 3, key: { encoding: 'utf8', data: 'prod-eu-1/gpu-node-1' }, value: { encoding: 'utf8', data: badValue }, headers: { 'ce-type': 'gpu.metrics' } },
    });
  });

  it('retryable failures: listed exactly, in partition and offset order', async () => {
    const handler = buildHandler(async () => ({
      failed: [{ ...failure('gpu-metrics-4', 9), error: retryable }, { ...failure('gpu-metrics-3', 2), error: retryable }],
    }), recordingPublisher());
    await expect(handler(lambdaEvent(record(3, 1), record(3, 2), record(4, 9)), context))
      .resolves.toEqual({ batchItemFailures: [failure('gpu-metrics-3', 2), failure('gpu-metrics-4', 9)] });
  });

  it('a poison record: parked and acknowledged while the rest proceeds', async () => {
    const publisher = recordingPublisher();
    const handler = buildHandler(async () => ({ failed: [{ ...failure('gpu-metrics-3', 2), error: poison }] }), publisher);
    await expect(handler(lambdaEvent(record(3, 1), record(3, 2), record(3, 3)), context)).resolves.toEqual({ batchItemFailures: [] });
    expect(lettersOf(publisher).map((letter) => [letter.data.offset, letter.data.error])).toEqual([[2, { code: 'CONFLICTING_OPTIONS', message: 'tflops and percent both set' }]]);
  });

  it('a poison record after a retried one in its partition is retried, not parked (it is redelivered anyway)', async () => {
    const publisher = recordingPublisher();
    const handler = buildHandler(async () => ({
      failed: [{ ...failure('gpu-metrics-3', 2), error: retryable }, { ...failure('gpu-metrics-3', 3), error: poison }, { ...failure('gpu-metrics-4', 1), error: poison }],
    }), publisher);
    await expect(handler(lambdaEvent(record(3, 2), record(3, 3), record(4, 1)), context))
      .resolves.toEqual({ batchItemFailures: [failure('gpu-metrics-3', 2), failure('gpu-metrics-3', 3)] });
    expect(lettersOf(publisher).map((letter) => [letter.data.partition, letter.data.offset])).toEqual([[4, 1]]);
  });

  it('dead-letter publishing fails: the poison records are retried, never dropped', async () => {
    const publisher = recordingPublisher(new AppError('DEPENDENCY_UNAVAILABLE', 'broker away'));
    const handler = buildHandler(async () => ({ failed: [{ ...failure('gpu-metrics-3', 3), error: poison }] }), publisher);
    await expect(handler(lambdaEvent(record(3, 1), record(3, 2, 'not json'), record(3, 3)), context))
      .resolves.toEqual({ batchItemFailures: [failure('gpu-metrics-3', 2), failure('gpu-metrics-3', 3)] });
  });

  it('a retryable error for the whole batch: every record is listed, bad ones too', async () => {
    const onBatchFailure = vi.fn();
    const publisher = recordingPublisher();
    const handler = buildHandler(async () => { throw new AppError('THROTTLED', 'table throttled'); }, publisher, onBatchFailure);
    await expect(handler(lambdaEvent(record(3, 1), record(3, 2, 'not json'), record(4, 5)), context))
      .resolves.toEqual({ batchItemFailures: [failure('gpu-metrics-3', 1), failure('gpu-metrics-3', 2), failure('gpu-metrics-4', 5)] });
    expect(publisher.sent).toEqual([]);
    expect(onBatchFailure).toHaveBeenCalledWith(expect.objectContaining({ code: 'THROTTLED' }));
  });

  it('a non-retryable error for the whole batch: every record is parked and acknowledged', async () => {
    const publisher = recordingPublisher();
    const handler = buildHandler(async () => { throw new TypeError('cannot read x of undefined'); }, publisher);
    await expect(handler(lambdaEvent(record(3, 1), record(3, 2, 'not json')), context)).resolves.toEqual({ batchItemFailures: [] });
    expect(lettersOf(publisher).map((letter) => [letter.data.offset, letter.data.error.code])).toEqual([[2, 'INVALID_INPUT'], [1, 'INTERNAL']]);
    expect(lettersOf(publisher)[1]?.data.error.message).toContain('cannot read x of undefined');
  });

  it('a non-retryable batch error while the dead-letter topic is down: every record is retried', async () => {
    const handler = buildHandler(async () => { throw poison; }, recordingPublisher(new Error('socket closed')));
    await expect(handler(lambdaEvent(record(3, 1), record(3, 2)), context))
      .resolves.toEqual({ batchItemFailures: [failure('gpu-metrics-3', 1), failure('gpu-metrics-3', 2)] });
  });

  it('a failure naming a record not in the batch: every record is retried and the broken contract reported', async () => {
    const onBatchFailure = vi.fn();
    const handler = buildHandler(async () => ({ failed: [{ ...failure('gpu-metrics-9', 1), error: retryable }] }), recordingPublisher(), onBatchFailure);
    await expect(handler(lambdaEvent(record(3, 1)), context)).resolves.toEqual({ batchItemFailures: [failure('gpu-metrics-3', 1)] });
    expect(onBatchFailure).toHaveBeenCalledWith(expect.objectContaining({ code: 'INTERNAL', message: expect.stringContaining('not a batch outcome') }));
  });

  it('an event that is not a Kafka event fails the invocation', async () => {
    const handler = buildHandler(async () => undefined, recordingPublisher());
    await expect(handler({ Records: [] } as never, context)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('eventSource') });
  });

  it('a handler wired without decodeKafkaRecords fails loudly', async () => {
    const handler = middy<LambdaKafkaEvent, KafkaBatchResponse>().use(kafkaBatchResponse()).handler(kafkaBatchHandler(async () => undefined));
    await expect(handler(lambdaEvent(record(3, 1)), context)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('decodeKafkaRecords') });
  });

  it('without deadLetter, bad records are retried rather than dropped', async () => {
    const handler = middy<LambdaKafkaEvent, KafkaBatchResponse>()
      .use(kafkaBatchResponse())
      .use(decodeKafkaRecords({ schemas: { 'gpu-metrics': gpuMetricsEventSchema } }))
      .handler(kafkaBatchHandler(async () => ({ failed: [{ ...failure('gpu-metrics-3', 1), error: poison }] })));
    await expect(handler(lambdaEvent(record(3, 1), record(3, 2, 'not json')), context))
      .resolves.toEqual({ batchItemFailures: [failure('gpu-metrics-3', 1), failure('gpu-metrics-3', 2)] });
  });
});
