import type { AppError } from '../../shared/core/errors.ts';

/**
 * Bytes of messages per Kafka request: half the broker's default `max.message.bytes` (1 MiB), so that the
 * record batch one request writes to one partition (all pods of a pool share a key, hence a partition)
 * stays below the limit even with the framing added.
 */
export const MAX_BATCH_BYTES = 512 * 1024;

/** The longest head of `items` within `maxCount` items and `maxBytes` (never empty when `items` is not). */
export function takeWithin<T>(items: readonly T[], options: { readonly maxCount: number; readonly maxBytes: number; readonly sizeOf: (item: T) => number }): T[] {
  const taken: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = options.sizeOf(item);
    if (taken.length >= options.maxCount || (taken.length > 0 && bytes + size > options.maxBytes)) break;
    taken.push(item);
    bytes += size;
  }
  return taken;
}

/** How many messages the next request may carry, and what to do after a failed one. */
export interface BatchLimit {
  current(): number;
  /** After a failed send of `size` messages: retry (halving after an error a retry of the same batch cannot fix), or drop the one message. */
  failed(error: AppError, size: number): 'retry' | 'drop';
  succeeded(): void;
}

/**
 * Batches of up to `max` messages. A non-retryable failure (Kafka refused the request: a message too
 * large, say) halves the next batch, down to one message; one message refused alone can never be sent,
 * so it is dropped (and the caller counts it) rather than stall everything behind it. A success restores
 * the full size.
 */
export function createBatchLimit(max: number): BatchLimit {
  let limit = max;
  return {
    current: () => limit,
    failed(error, size) {
      if (error.retryable) return 'retry';
      if (size <= 1) return 'drop';
      limit = Math.max(1, Math.floor(size / 2));
      return 'retry';
    },
    succeeded() {
      limit = max;
    },
  };
}
