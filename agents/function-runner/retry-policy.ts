// When the runner gives up on a record. Pure. (How long it waits first: shared/core/retry/backoff-ms.ts.)

/** Failures seen at one offset of a partition. */
export interface FailureStreak {
  readonly offset: number;
  readonly attempts: number;
}

/** What to do after a partition failed at `offset`. */
export type RetryDecision =
  | { readonly kind: 'retry'; readonly streak: FailureStreak }
  | { readonly kind: 'give-up'; readonly streak: FailureStreak };

/**
 * Count one more failed attempt at `offset` (a different offset than the streak's starts a new streak)
 * and decide: retry, or give up once the record has failed `maxRetries + 1` times, i.e. after
 * `maxRetries` retries, as Lambda's MaximumRetryAttempts counts.
 */
export function decideRetry(previous: FailureStreak | undefined, offset: number, maxRetries: number): RetryDecision {
  const attempts = previous?.offset === offset ? previous.attempts + 1 : 1;
  const streak = { offset, attempts };
  return attempts > maxRetries ? { kind: 'give-up', streak } : { kind: 'retry', streak };
}
