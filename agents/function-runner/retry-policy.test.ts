import { describe, expect, it } from 'vitest';
import { backoffMs, decideRetry, type FailureStreak, type RetryDecision } from './retry-policy.ts';

describe('Function: backoffMs()', () => {
  it.each<{ name: string; attempt: number; jitter?: number; expected: number }>([
    { name: 'the first retry waits the base', attempt: 1, expected: 100 },
    { name: 'each retry doubles', attempt: 4, expected: 800 },
    { name: 'capped at the maximum', attempt: 10, expected: 5_000 },
    { name: 'huge attempt numbers stay capped', attempt: 10_000, expected: 5_000 },
    { name: 'attempt 0 is treated as the first', attempt: 0, expected: 100 },
    { name: 'equal jitter: a draw of 0 waits half', attempt: 3, jitter: 0, expected: 200 },
    { name: 'equal jitter: a draw near 1 waits nearly all', attempt: 3, jitter: 0.99, expected: 398 },
  ])('$name', ({ attempt, jitter, expected }) => {
    expect(backoffMs(attempt, { baseMs: 100, maxMs: 5_000 }, jitter)).toBe(expected);
  });
});

describe('Function: decideRetry()', () => {
  it.each<{ name: string; previous?: FailureStreak; offset: number; maxRetries: number; expected: RetryDecision }>([
    { name: 'a first failure is retried', offset: 7, maxRetries: 2, expected: { kind: 'retry', streak: { offset: 7, attempts: 1 } } },
    { name: 'the same offset again counts up', previous: { offset: 7, attempts: 2 }, offset: 7, maxRetries: 2, expected: { kind: 'give-up', streak: { offset: 7, attempts: 3 } } },
    { name: 'within the budget', previous: { offset: 7, attempts: 1 }, offset: 7, maxRetries: 2, expected: { kind: 'retry', streak: { offset: 7, attempts: 2 } } },
    { name: 'another offset starts a new streak', previous: { offset: 7, attempts: 2 }, offset: 9, maxRetries: 2, expected: { kind: 'retry', streak: { offset: 9, attempts: 1 } } },
    { name: 'maxRetries 0 gives up at once', offset: 7, maxRetries: 0, expected: { kind: 'give-up', streak: { offset: 7, attempts: 1 } } },
  ])('$name', ({ previous, offset, maxRetries, expected }) => {
    expect(decideRetry(previous, offset, maxRetries)).toEqual(expected);
  });
});
