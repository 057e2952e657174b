import { describe, expect, it } from 'vitest';
import { decideRetry, type FailureStreak, type RetryDecision } from './retry-policy.ts';

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
