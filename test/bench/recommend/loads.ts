// The ingest bench's fleet and its gpu-metrics records as the node-agent sends them, and the two loads that
// deliver the measured intervals to the function: steady (live) and backlog (catch-up).
import { gzipMessage, toEventMessage } from '../../../shared/adapters/kafka/event-message.ts';
import { toLambdaKafkaEvent } from '../../../shared/adapters/kafka/lambda-event.ts';
import type { GpuMetricsEvent } from '../../../shared/schemas/events/gpu-metrics.ts';
import type { LambdaKafkaEvent } from '../../../shared/middleware/kafka-event-schema.ts';
import { usageEvent } from '../../fixtures/autoscaling/workload-pods.ts';

export const GIB = 1024 ** 3;
export const NODES = 125;
export const PODS_PER_NODE = 8;
export const PODS_PER_WORKLOAD = 4;
/** The steady load's batch size, records. */
export const BATCH = 100;
const INTERVAL_MS = 30_000;
export const T0 = Date.parse('2025-01-31T12:00:00Z');

/** `event`'s Kafka message as the node-agent publishes it: gzipped when `gzip` (its `--metrics-compression`, default gzip). */
const nodeAgentMessage = (event: GpuMetricsEvent, gzip: boolean) => (gzip ? gzipMessage(toEventMessage(event)) : toEventMessage(event));

/** Every node's record of interval `round`, with the interval's end. */
export function roundRecords(round: number, gzip: boolean) {
  const endMs = T0 + round * INTERVAL_MS;
  return Array.from({ length: NODES }, (_, node) => {
    const pods = Array.from({ length: PODS_PER_NODE }, (_, slot) => ({
      pod: `pod-${node * PODS_PER_NODE + slot}`, computePercent: 4 + ((round * 7 + slot * 3) % 8), vramBytes: (2 + (slot % 3)) * GIB,
    }));
    const { value, headers } = nodeAgentMessage(usageEvent(endMs, pods, { id: round * NODES + node + 1 }), gzip);
    return { endMs, record: { topic: 'gpu-metrics', partition: node % 4, offset: String(round * NODES + node), timestamp: '0', key: `prod-eu-1/node-${node}`, value, headers } };
  });
}

/** One handler call of a load: the Lambda event, and the time the instance handles it at. */
export interface Scheduled {
  readonly atMs: number;
  readonly batch: LambdaKafkaEvent;
}

/** `records` in Lambda batches of `size`, each handled when its newest interval has ended. */
export function batchesOf(records: ReturnType<typeof roundRecords>, size: number): Scheduled[] {
  const batches: Scheduled[] = [];
  for (let start = 0; start < records.length; start += size) {
    const slice = records.slice(start, start + size);
    const batch = toLambdaKafkaEvent(slice.map((entry) => entry.record), { eventSource: 'SelfManagedKafka', bootstrapServers: 'localhost:9092' });
    batches.push({ atMs: Math.max(...slice.map((entry) => entry.endMs)), batch });
  }
  return batches;
}

/** How the measured intervals reach the instance. */
export interface Load {
  readonly name: 'steady' | 'backlog';
  readonly batchRecords: number;
  /** The handler calls of intervals `1..count`, in order. */
  schedule(count: number): Scheduled[];
}

const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index + 1);
/** `schedule` made once per count: the same records every pass (encoding them is the node-agent's work, not the function's). */
function once(schedule: (count: number) => Scheduled[]): (count: number) => Scheduled[] {
  const made = new Map<number, Scheduled[]>();
  return (count) => made.get(count) ?? (made.set(count, schedule(count)).get(count) as Scheduled[]);
}

/**
 * The two loads, records gzipped when `gzip`. Steady (live): each interval arrives on its own, in batches
 * of {@link BATCH}. Backlog (catch-up): every interval queued, in full batches of `backlogBatch`.
 */
export function createLoads(options: { readonly gzip: boolean; readonly backlogBatch: number }): { steady: Load; backlog: Load } {
  const { gzip, backlogBatch } = options;
  const records = (round: number) => roundRecords(round, gzip);
  return {
    steady: { name: 'steady', batchRecords: BATCH, schedule: once((count) => range(count).flatMap((round) => batchesOf(records(round), BATCH))) },
    backlog: { name: 'backlog', batchRecords: backlogBatch, schedule: once((count) => batchesOf(range(count).flatMap(records), backlogBatch)) },
  };
}
