/** Capped exponential backoff settings. */
export interface BackoffOptions {
  /** The wait before the first retry. */
  readonly baseMs: number;
  /** No wait is longer than this. */
  readonly maxMs: number;
}

/**
 * The wait before retry number `attempt` (1 for the first retry; below 1 counts as 1):
 * `baseMs · 2^(attempt-1)`, capped at `maxMs`, so a dependency that keeps failing is asked less and
 * less often but never left alone longer than `maxMs`. With `jitter` (a draw in [0, 1)), "equal
 * jitter": half the delay fixed, half random, so clients that failed together do not retry together
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
export function backoffMs(attempt: number, options: BackoffOptions, jitter?: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 52));
  const delay = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return jitter === undefined ? delay : Math.round(delay / 2 + (delay / 2) * jitter);
}
