import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../shared/core/errors.ts';
import { createBatchLimit, MAX_BATCH_BYTES, takeWithin, type BatchLimit } from '../shared/batch-limit.ts';
import type { PendingChange } from './change-tracker.ts';
import type { MessageSink } from '../../shared/adapters/kafka/message-sink.ts';
import type { Outbox, OutboxEntry } from './outbox.ts';
import type { SentState, StateJournal } from './state-journal.ts';
import type { KindName } from './watched-kinds.ts';

/** Options of {@link startPublishLoop}. */
export interface PublishLoopOptions {
  readonly outbox: Outbox<PendingChange>;
  readonly journal: StateJournal;
  readonly sink: MessageSink;
  readonly topic: string;
  /** Messages per Kafka request (default 500). */
  readonly batchSize?: number;
  /** Wait after a failed send before trying the same batch again (default 1 s). */
  readonly retryDelayMs?: number;
  readonly onError: (error: AppError) => void;
  /** Told of the states Kafka acknowledged, after the journal recorded them. */
  readonly onAcked?: (states: readonly SentState[]) => void;
}

/** Counts and state of the loop, for `/metrics` and readiness. */
export interface PublishStats {
  readonly published: ReadonlyMap<KindName, number>;
  readonly failures: number;
  readonly batches: number;
  /** Messages Kafka refused on their own (too large): dropped so the rest can go. */
  readonly dropped: number;
  /** When the send in progress started (ms since the epoch), or undefined when none is in progress. */
  readonly sendingSinceMs: number | undefined;
}

/** A running publish loop. */
export interface PublishLoop {
  stats(): PublishStats;
  /** Stop after the outbox is empty, or after `drainMs` at most; resolves when the loop has ended. */
  stop(drainMs: number): Promise<void>;
}

interface LoopState {
  readonly published: Map<KindName, number>;
  /** `key@seq` of states journaled as sent and not yet acknowledged: a retried batch is not journaled again. */
  readonly journaled: Set<string>;
  failures: number;
  batches: number;
  dropped: number;
  sendingSinceMs: number | undefined;
  readonly limit: BatchLimit;
}

async function publishBatch(options: PublishLoopOptions, loop: LoopState, batch: readonly OutboxEntry<PendingChange>[]): Promise<void> {
  const states = batch.map((entry) => ({ key: entry.key, seq: entry.seq, state: entry.item.state }));
  const mark = (state: { key: string; seq: number }) => `${state.key}@${state.seq}`;
  options.journal.recordSent(states.filter((state) => !loop.journaled.has(mark(state))));
  for (const state of states) loop.journaled.add(mark(state));
  loop.sendingSinceMs = Date.now();
  try {
    await options.sink.send(options.topic, batch.map((entry) => entry.item.message));
  } finally {
    loop.sendingSinceMs = undefined;
  }
  options.journal.recordAcked(states);
  options.onAcked?.(states);
  loop.journaled.clear(); // what was journaled earlier was in this batch (the head), or replaced by a newer state
  options.outbox.settle(batch);
  loop.batches += 1;
  for (const entry of batch) loop.published.set(entry.item.state.kindName, (loop.published.get(entry.item.state.kindName) ?? 0) + 1);
  options.journal.compactIfLarge();
}

const sizeOfEntry = (entry: OutboxEntry<PendingChange>): number => entry.item.message.key.length + entry.item.message.value.length + 128;

/** After a failed send: retry after a pause (with a smaller batch when Kafka refused it), or drop one message Kafka refuses alone. */
async function afterFailure(options: PublishLoopOptions, state: LoopState, failed: { error: unknown; batch: readonly OutboxEntry<PendingChange>[] }): Promise<void> {
  const error = failed.error instanceof AppError ? failed.error : new AppError('INTERNAL', String(failed.error), { cause: failed.error });
  state.failures += 1;
  options.onError(error);
  // Only a refusal the sink reported (an AppError) can shrink or drop a batch; anything else is retried as is.
  if (!(failed.error instanceof AppError) || state.limit.failed(error, failed.batch.length) === 'retry') {
    await sleep(options.retryDelayMs ?? 1_000);
    return;
  }
  const states = failed.batch.map((entry) => ({ key: entry.key, seq: entry.seq, state: entry.item.state }));
  options.journal.recordAcked(states);
  options.onAcked?.(states);
  state.journaled.clear();
  options.outbox.settle(failed.batch);
  state.dropped += failed.batch.length;
  options.onError(new AppError('INTERNAL', `dropped ${failed.batch.map((entry) => entry.key).join(', ')}: Kafka refuses it on its own (${error.message})`, { cause: error }));
}

/**
 * Send the outbox to Kafka, batch by batch, in order: each batch is written to the journal before it is
 * sent and marked acknowledged after, so a crash in between resends it (at least once) and never forgets
 * an object consumers may have seen. A failed batch is retried after a pause; meanwhile the outbox keeps
 * coalescing and, when full, holds the informers back.
 */
export function startPublishLoop(options: PublishLoopOptions): PublishLoop {
  const state: LoopState = { published: new Map(), journaled: new Set(), failures: 0, batches: 0, dropped: 0, sendingSinceMs: undefined, limit: createBatchLimit(options.batchSize ?? 500) };
  const stopping = new AbortController();
  let deadline = Number.POSITIVE_INFINITY;
  const loop = (async () => {
    for (;;) {
      await options.outbox.waitForEntries(stopping.signal);
      if (stopping.signal.aborted && (options.outbox.size() === 0 || Date.now() >= deadline)) return;
      const batch = takeWithin(options.outbox.peek(state.limit.current()), { maxCount: state.limit.current(), maxBytes: MAX_BATCH_BYTES, sizeOf: sizeOfEntry });
      try {
        await publishBatch(options, state, batch);
        state.limit.succeeded();
      } catch (error) {
        await afterFailure(options, state, { error, batch });
      }
    }
  })();
  return {
    stats: () => ({ published: new Map(state.published), failures: state.failures, batches: state.batches, dropped: state.dropped, sendingSinceMs: state.sendingSinceMs }),
    async stop(drainMs) {
      deadline = Date.now() + drainMs;
      stopping.abort();
      await Promise.race([loop, sleep(drainMs + 1_000)]);
    },
  };
}
