// The IdempotencyStore port in memory, for unit tests of handlers. Same semantics as the DynamoDB
// adapter (test/contracts/idempotency-store.contract.ts runs against both).
import {
  IDEMPOTENCY_STATUS, type BeginOutcome, type IdempotencyStatus, type IdempotencyStore, type IdempotencyWindow,
} from '../../ports/idempotency-store.ts';
import { epochSeconds } from '../../ports/state-store.ts';

interface IdempotencyRecord {
  readonly status: IdempotencyStatus;
  /** Epoch seconds. */
  readonly expiresAt: number;
  readonly result?: unknown;
}

const expiry = (window: IdempotencyWindow): number => epochSeconds(window.now) + window.ttlSeconds;

/** An {@link IdempotencyStore} held in a Map; records past `expiresAt` count as absent. */
export function createMemoryIdempotencyStore(): IdempotencyStore {
  const records = new Map<string, IdempotencyRecord>();

  return {
    async begin(key, window): Promise<BeginOutcome> {
      const record = records.get(key);
      if (record !== undefined && record.expiresAt > epochSeconds(window.now)) {
        return record.status === IDEMPOTENCY_STATUS.completed ? { completed: structuredClone(record.result) } : 'in-progress';
      }
      records.set(key, { status: IDEMPOTENCY_STATUS.inProgress, expiresAt: expiry(window) });
      return 'started';
    },
    async complete(key, result, window) {
      records.set(key, { status: IDEMPOTENCY_STATUS.completed, expiresAt: expiry(window), result: structuredClone(result) });
    },
    async release(key) {
      records.delete(key);
    },
  };
}
