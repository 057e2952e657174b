import { describe, expect, it } from 'vitest';
import type { ConsumedRecord } from '../../shared/adapters/kafka/lambda-event.ts';
import { AppError } from '../../shared/core/errors.ts';
import { planBatch, readHandlerResponse, type InvocationOutcome, type PartitionPlan } from './commit-plan.ts';

const record = (partition: number, offset: number): ConsumedRecord => ({ topic: 'gpu-metrics', partition, offset: String(offset), timestamp: '0', value: '{}' });
const batch = [record(3, 10), record(3, 11), record(3, 12), record(4, 7), record(4, 8)];
const failed = (...ids: [number, number][]): InvocationOutcome => ({ kind: 'answered', failures: ids.map(([partition, offset]) => ({ partition: `gpu-metrics-${partition}`, offset })) });
const plan = (partition: number, commitOffset: number | undefined, retryFrom: number | undefined): PartitionPlan => ({ topic: 'gpu-metrics', partition, commitOffset, retryFrom });

describe('Function: planBatch()', () => {
  it.each<{ name: string; outcome: InvocationOutcome; expected: PartitionPlan[] }>([
    { name: 'every record succeeded: commit past the last of each partition', outcome: failed(), expected: [plan(3, 13, undefined), plan(4, 9, undefined)] },
    { name: 'a failure mid-partition: commit up to it, resume from it', outcome: failed([3, 11]), expected: [plan(3, 11, 11), plan(4, 9, undefined)] },
    { name: 'several failures: the lowest counts', outcome: failed([3, 12], [3, 11]), expected: [plan(3, 11, 11), plan(4, 9, undefined)] },
    { name: 'the first record failed: nothing to commit there', outcome: failed([4, 7]), expected: [plan(3, 13, undefined), plan(4, undefined, 7)] },
    { name: 'the handler threw: every partition from its first record', outcome: { kind: 'threw', error: new AppError('THROTTLED', 'slow down') }, expected: [plan(3, undefined, 10), plan(4, undefined, 7)] },
    { name: 'a failure naming a record not in the batch fails the whole batch', outcome: failed([3, 11], [9, 1]), expected: [plan(3, undefined, 10), plan(4, undefined, 7)] },
    { name: 'a failure at an offset not in the batch fails the whole batch', outcome: failed([3, 99]), expected: [plan(3, undefined, 10), plan(4, undefined, 7)] },
  ])('$name', ({ outcome, expected }) => {
    expect(planBatch(batch, outcome).partitions).toEqual(expected);
  });

  it('orders each partition by offset, whatever the arrival order', () => {
    expect(planBatch([record(0, 5), record(0, 3), record(0, 4)], failed()).partitions).toEqual([{ topic: 'gpu-metrics', partition: 0, commitOffset: 6, retryFrom: undefined }]);
  });

  it('tells a broken contract apart', () => {
    expect(planBatch(batch, failed([9, 1])).namesUnknownRecords).toBe(true);
    expect(planBatch(batch, failed([3, 10])).namesUnknownRecords).toBe(false);
  });
});

describe('Function: readHandlerResponse()', () => {
  it.each<{ name: string; response: unknown; expected: InvocationOutcome['kind']; failures?: number }>([
    { name: 'no answer (Lambda reads it as success)', response: undefined, expected: 'answered', failures: 0 },
    { name: 'null', response: null, expected: 'answered', failures: 0 },
    { name: 'an empty object', response: {}, expected: 'answered', failures: 0 },
    { name: 'a list of failures', response: { batchItemFailures: [{ itemIdentifier: { partition: 't-0', offset: 4 } }] }, expected: 'answered', failures: 1 },
    { name: 'a string identifier (Lambda rejects it for Kafka)', response: { batchItemFailures: [{ itemIdentifier: 't-0-4' }] }, expected: 'threw' },
    { name: 'a negative offset', response: { batchItemFailures: [{ itemIdentifier: { partition: 't-0', offset: -1 } }] }, expected: 'threw' },
    { name: 'a string', response: 'ok', expected: 'threw' },
  ])('$name → $expected', ({ response, expected, failures }) => {
    const outcome = readHandlerResponse(response);
    expect(outcome.kind).toBe(expected);
    if (outcome.kind === 'answered') expect(outcome.failures).toHaveLength(failures ?? 0);
    else expect(outcome.error).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('not a Kafka partial batch response') });
  });
});
