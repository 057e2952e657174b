// When a partition is read again after a failure, and when the runner gives up on a record. Pure.

/** Exponential backoff settings. */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * The wait before retry number `attempt` (1 for the first retry): `baseMs · 2^(attempt-1)`, capped at
 * `maxMs`. With `jitter` (a draw in [0, 1)), "equal jitter": half the delay fixed, half random, so
 * runners that failed together do not retry together.
 */
export function backoffMs(attempt: number, options: BackoffOptions, jitter?: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 52));
  const delay = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return jitter === undefined ? delay : Math.round(delay / 2 + (delay / 2) * jitter);
}

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
