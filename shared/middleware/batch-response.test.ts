import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { kafkaBatchResponse, toBatchResponse } from './batch-response.ts';
import type { BatchOutcome, KafkaBatch, KafkaRecord, RejectedRecord } from './kafka-batch.ts';

const located = (partition: number, offset: number) =>
  ({ topic: 't', partition, offset, itemIdentifier: { partition: `t-${partition}`, offset }, raw: {} });
const good = (partition: number, offset: number): KafkaRecord<unknown> =>
  ({ ...located(partition, offset), key: undefined, headers: {}, timestamp: undefined, value: {} });
const bad = (partition: number, offset: number): RejectedRecord => ({ ...located(partition, offset), issues: [] });
const batch: KafkaBatch<unknown> = { kind: 'kafka-batch', eventSource: 'aws:kafka', records: [good(0, 1), good(0, 2), good(1, 5)], rejected: [bad(0, 3)] };
const failed = (partition: string, offset: number) => ({ itemIdentifier: { partition, offset }, error: new AppError('THROTTLED', 'slow down') });
const id = (partition: string, offset: number) => ({ itemIdentifier: { partition, offset } });

describe('Function: toBatchResponse()', () => {
  it.each<{ name: string; outcome: BatchOutcome; expected: ReturnType<typeof toBatchResponse> }>([
    { name: 'no failures: only the unparked rejected record', outcome: { failed: [] }, expected: { batchItemFailures: [id('t-0', 3)] } },
    { name: 'rejected record parked: nothing', outcome: { failed: [], parked: [{ partition: 't-0', offset: 3 }] }, expected: { batchItemFailures: [] } },
    { name: 'failures sorted, duplicates once', outcome: { failed: [failed('t-1', 5), failed('t-0', 2), failed('t-0', 2)], parked: [{ partition: 't-0', offset: 3 }] },
      expected: { batchItemFailures: [id('t-0', 2), id('t-1', 5)] } },
    { name: 'a failure outside the batch: a broken contract', outcome: { failed: [failed('t-9', 1)] }, expected: undefined },
  ])('$name', ({ outcome, expected }) => {
    expect(toBatchResponse(batch, outcome)).toEqual(expected);
  });
});

describe('Middleware: kafkaBatchResponse()', () => {
  const run = (respond: () => unknown) => middy().use(kafkaBatchResponse()).before((request) => { request.event = batch as never; }).handler(async () => respond());

  it('leaves an event that was never decoded alone', async () => {
    await expect(middy().use(kafkaBatchResponse()).handler(async () => 'as is')({ some: 'event' } as never, {} as Context)).resolves.toBe('as is');
    await expect(middy().use(kafkaBatchResponse()).handler(async () => { throw new Error('boom'); })({} as never, {} as Context)).rejects.toThrow('boom');
  });

  it('retries every record when the handler returns something that is not an outcome', async () => {
    await expect(run(() => ({ ok: true }))({} as never, {} as Context)).resolves.toEqual({ batchItemFailures: [id('t-0', 1), id('t-0', 2), id('t-0', 3), id('t-1', 5)] });
  });

  it('retries every record when the handler throws', async () => {
    await expect(run(() => { throw new AppError('DEPENDENCY_UNAVAILABLE', 'table away'); })({} as never, {} as Context))
      .resolves.toEqual({ batchItemFailures: [id('t-0', 1), id('t-0', 2), id('t-0', 3), id('t-1', 5)] });
  });

  it('refuses an onBatchFailure that is not a function', () => {
    expect(() => kafkaBatchResponse({ onBatchFailure: 5 } as never))
      .toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: 'kafkaBatchResponse option onBatchFailure must be a function' }));
  });
});
