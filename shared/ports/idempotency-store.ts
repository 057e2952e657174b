/**
 * Makes redelivered work harmless (ARCHITECTURE §4): a Kafka record can arrive twice, so each unit of
 * work is claimed under an idempotency key (the event id, or pod uid + generation) before it runs and
 * its result is remembered after. This is the Powertools idempotency protocol
 * (https://docs.powertools.aws.dev/lambda/typescript/latest/features/idempotency/): a record is
 * `INPROGRESS` while one worker runs the work and `COMPLETED` with the result afterwards; both expire.
 *
 * Expired records count as absent: DynamoDB deletes them lazily and the local server never does.
 */

/** Record states, as stored. */
export const IDEMPOTENCY_STATUS = {
  inProgress: 'INPROGRESS',
  completed: 'COMPLETED',
} as const;

/** A record state from {@link IDEMPOTENCY_STATUS}. */
export type IdempotencyStatus = (typeof IDEMPOTENCY_STATUS)[keyof typeof IDEMPOTENCY_STATUS];

/** How long a record lives from `now`: the claim in `begin`, the remembered result in `complete`. */
export interface IdempotencyWindow {
  readonly ttlSeconds: number;
  /** The current time, from the Clock port (never read inside the store, so tests control it). */
  readonly now: Date;
}

/**
 * What `begin` found: `'started'` (this caller owns the work now), `'in-progress'` (another worker
 * holds a live claim: retry later) or the result a previous run completed with (do not run again).
 */
export type BeginOutcome = 'started' | 'in-progress' | { readonly completed: unknown };

/** Claims and results of idempotent work. Errors are `AppError`s: `THROTTLED`, `DEPENDENCY_UNAVAILABLE`. */
export interface IdempotencyStore {
  /** Claim `key` for `window.ttlSeconds` (set it to the work's time limit) unless a live record exists. */
  begin(key: string, window: IdempotencyWindow): Promise<BeginOutcome>;

  /** Record the work under `key` as done with `result` (JSON-safe), remembered for `window.ttlSeconds`. */
  complete(key: string, result: unknown, window: IdempotencyWindow): Promise<void>;

  /** Drop the claim on `key` after the work failed, so a retry can run it again. */
  release(key: string): Promise<void>;
}
