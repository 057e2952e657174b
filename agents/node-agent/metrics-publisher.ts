import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../shared/core/errors.ts';
import type { EventPublisher } from '../../shared/ports/event-publisher.ts';
import type { GpuInventoryEvent } from '../../shared/schemas/events/gpu-inventory.ts';
import type { GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';
import { TOPIC_NAMES } from '../../infra/topics.ts';
import { createBatchLimit, MAX_BATCH_BYTES, takeWithin, type BatchLimit } from '../shared/batch-limit.ts';
import type { Buffered, DropOldestBuffer } from './drop-oldest-buffer.ts';

/** Counts of the publisher. */
export interface PublisherCounts {
  metricsEvents: number;
  inventoryEvents: number;
  failures: number;
  /** Metrics events Kafka refused on their own (too large), dropped so the rest could go. */
  refused: number;
}

/** Sends the latest inventory per node and the buffered metrics events to Kafka. */
export interface MetricsPublisher {
  /** Make `event` the node's inventory to publish (replacing one not yet sent). */
  offerInventory(event: GpuInventoryEvent): void;
  readonly counts: Readonly<PublisherCounts>;
  /** Whether nothing waits: no inventory, no metrics. */
  idle(): boolean;
  /** Stop after what waits is sent, or after `drainMs`. */
  stop(drainMs: number): Promise<void>;
}

/** Options of {@link startMetricsPublisher}. */
export interface MetricsPublisherOptions {
  readonly publisher: EventPublisher;
  readonly buffer: DropOldestBuffer<GpuMetricsEvent>;
  readonly batchSize: number;
  readonly retryDelayMs: number;
  readonly onError: (error: AppError) => void;
}

interface PublisherState {
  readonly inventories: Map<string, GpuInventoryEvent>;
  readonly counts: PublisherCounts;
  readonly limit: BatchLimit;
  /** The metrics batch of the send in progress (what a refusal drops). */
  batch: readonly Buffered<GpuMetricsEvent>[];
}

/** A cheap estimate of an event's JSON size, to keep a request under the broker's message size. */
const sizeOfEvent = (entry: Buffered<GpuMetricsEvent>): number => 600 + 260 * entry.item.data.gpus.length + 320 * entry.item.data.workloads.length;

async function sendSome(options: MetricsPublisherOptions, state: PublisherState): Promise<void> {
  const inventories = [...state.inventories.values()];
  if (inventories.length > 0) {
    await options.publisher.publish(TOPIC_NAMES.gpuInventory, inventories);
    for (const sent of inventories) if (state.inventories.get(sent.data.node) === sent) state.inventories.delete(sent.data.node);
    state.counts.inventoryEvents += inventories.length;
  }
  const batch = takeWithin(options.buffer.peek(state.limit.current()), { maxCount: state.limit.current(), maxBytes: MAX_BATCH_BYTES, sizeOf: sizeOfEvent });
  const last = batch.at(-1);
  if (last === undefined) return;
  state.batch = batch;
  await options.publisher.publish(TOPIC_NAMES.gpuMetrics, batch.map((entry) => entry.item));
  options.buffer.settle(last.seq);
  state.counts.metricsEvents += batch.length;
  state.limit.succeeded();
}

/** After a failed send: count and report it, then drop a metrics event Kafka refuses on its own, or pause before retrying. */
async function afterFailure(options: MetricsPublisherOptions, state: PublisherState, error: unknown): Promise<void> {
  const appError = error instanceof AppError ? error : new AppError('INTERNAL', String(error), { cause: error });
  state.counts.failures += 1;
  options.onError(appError);
  const refused = error instanceof AppError && state.batch.length > 0 && state.limit.failed(appError, state.batch.length) === 'drop';
  if (!refused) {
    await sleep(options.retryDelayMs);
    return;
  }
  options.buffer.settle(state.batch.at(-1)?.seq ?? 0);
  state.counts.refused += state.batch.length;
  state.batch = [];
}

/**
 * Publish inventories first (a node's metrics mean little before its GPUs are known), then metrics in
 * batches. Sampling never waits for Kafka: while Kafka is down the buffer keeps the newest events and
 * drops the oldest (counted); a failed send is retried after `retryDelayMs`.
 */
export function startMetricsPublisher(options: MetricsPublisherOptions): MetricsPublisher {
  const state: PublisherState = {
    inventories: new Map(), counts: { metricsEvents: 0, inventoryEvents: 0, failures: 0, refused: 0 }, limit: createBatchLimit(options.batchSize), batch: [],
  };
  const stopping = new AbortController();
  let wake: () => void = () => undefined;
  let deadline = Number.POSITIVE_INFINITY;
  const idle = (): boolean => state.inventories.size === 0 && options.buffer.size() === 0;
  const loop = (async () => {
    for (;;) {
      if (idle()) {
        const offered = new Promise<void>((resolve) => { wake = resolve; });
        await Promise.race([options.buffer.waitForItems(stopping.signal), offered]);
      }
      if (stopping.signal.aborted && (idle() || Date.now() >= deadline)) return;
      try {
        state.batch = [];
        await sendSome(options, state);
      } catch (error) {
        await afterFailure(options, state, error);
      }
    }
  })();
  return {
    counts: state.counts,
    idle,
    offerInventory(event) {
      state.inventories.set(event.data.node, event);
      wake();
    },
    async stop(drainMs) {
      deadline = Date.now() + drainMs;
      stopping.abort();
      wake();
      await Promise.race([loop, sleep(drainMs + 1_000)]);
    },
  };
}
