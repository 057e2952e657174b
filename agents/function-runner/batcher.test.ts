import { describe, expect, it } from 'vitest';
import { lambdaRecordBytes } from '../../shared/adapters/kafka/lambda-event-bytes.ts';
import { appendFetched, takeBatches, toPending, type BatchLimits, type PendingRecord } from './batcher.ts';

/** Records at `offsets` (0-9) of partition 0, fetched at `fetchedAtMs`, each value 10 bytes. */
const pending = (offsets: readonly number[], fetchedAtMs = 0): PendingRecord[] =>
  offsets.map((offset) => toPending({ topic: 't', partition: 0, offset: String(offset), timestamp: '0', value: 'x'.repeat(10) }, fetchedAtMs));
/** What one such record adds to a batch's Lambda event: its JSON (base64 value) and a comma. */
const RECORD = lambdaRecordBytes({ topic: 't', partition: 0, offset: '0', timestamp: '0', value: 'x'.repeat(10) }) + 1;
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_unused, index) => from + index);
const offsetsOf = (batches: readonly (readonly { offset: string | number }[])[]): number[][] => batches.map((batch) => batch.map((record) => Number(record.offset)));
const limits: BatchLimits = { batchSize: 3, windowMs: 500, maxBatchBytes: 1_000 };

describe('Function: takeBatches()', () => {
  it.each<{ name: string; offsets: number[]; limits?: Partial<BatchLimits>; nowMs: number; caughtUp: boolean; batches: number[][]; rest: number[] }>([
    { name: 'nothing waiting', offsets: [], nowMs: 0, caughtUp: true, batches: [], rest: [] },
    { name: 'full batches go at once, the remainder waits within the window', offsets: range(0, 7), nowMs: 100, caughtUp: false, batches: [[0, 1, 2], [3, 4, 5]], rest: [6] },
    { name: 'exactly a full batch goes', offsets: range(0, 3), nowMs: 0, caughtUp: false, batches: [[0, 1, 2]], rest: [] },
    { name: 'the remainder goes once the window has passed', offsets: range(0, 4), nowMs: 500, caughtUp: false, batches: [[0, 1, 2], [3]], rest: [] },
    { name: 'the remainder goes when the partition is caught up', offsets: range(0, 2), nowMs: 0, caughtUp: true, batches: [[0, 1]], rest: [] },
    { name: 'a byte limit cuts a batch early', offsets: range(0, 3), limits: { maxBatchBytes: 2.5 * RECORD }, nowMs: 0, caughtUp: true, batches: [[0, 1], [2]], rest: [] },
    { name: 'records exactly at the byte limit fill a batch', offsets: range(0, 3), limits: { maxBatchBytes: 2 * RECORD }, nowMs: 0, caughtUp: false, batches: [[0, 1]], rest: [2] },
    { name: 'a record above the byte limit still goes, alone', offsets: range(0, 2), limits: { maxBatchBytes: 5 }, nowMs: 0, caughtUp: false, batches: [[0], [1]], rest: [] },
  ])('$name', ({ offsets, limits: overrides, nowMs, caughtUp, batches, rest }) => {
    const taken = takeBatches(pending(offsets), { ...limits, ...overrides }, { nowMs, caughtUp });
    expect(offsetsOf(taken.batches)).toEqual(batches);
    expect(taken.rest.map((waiting) => Number(waiting.record.offset))).toEqual(rest);
  });

  it('waits by the oldest record: records fetched later ride along when it is due', () => {
    const taken = takeBatches([...pending([0], 0), ...pending([1], 400)], limits, { nowMs: 500, caughtUp: false });
    expect(offsetsOf(taken.batches)).toEqual([[0, 1]]);
  });
});

describe('Function: appendFetched()', () => {
  it.each<{ name: string; waiting: number[]; fetched: number[]; expected: number[] }>([
    { name: 'a fetch that continues the waiting records', waiting: [0, 1], fetched: [2, 3], expected: [0, 1, 2, 3] },
    { name: 'a re-fetch from an earlier offset replaces the overlap', waiting: [4, 5, 6], fetched: [5, 6, 7], expected: [4, 5, 6, 7] },
    { name: 'a re-fetch from before every waiting record replaces them all', waiting: [4, 5], fetched: [2, 3], expected: [2, 3] },
    { name: 'an empty fetch', waiting: [1], fetched: [], expected: [1] },
  ])('$name', ({ waiting, fetched, expected }) => {
    expect(appendFetched(pending(waiting), pending(fetched)).map((entry) => Number(entry.record.offset))).toEqual(expected);
  });
});
