import type { Consumer, ConsumerConfig, Kafka } from 'kafkajs';

/** Options of {@link createKafkaConsumer}: the group, and any setting to override. */
export interface KafkaConsumerOptions {
  /** The consumer group: one per function (`vgpu-control.allocate-gpus`), as one Lambda event source mapping is. */
  readonly groupId: string;
  readonly overrides?: Partial<Omit<ConsumerConfig, 'groupId'>>;
}

/**
 * Consumer group settings, in one place:
 * - `sessionTimeout` 30 s with `heartbeatInterval` 3 s (a tenth, as Kafka advises): a crashed runner's
 *   partitions move within 30 s. A batch may run longer than that, so the runner calls `heartbeat()` while
 *   a handler runs;
 * - `rebalanceTimeout` 60 s: members get a minute to finish their batch and rejoin;
 * - `maxWaitTimeInMs` 500: a fetch waits at most as long as Lambda's default batching window (reference §B10);
 * - `maxBytesPerPartition` 1 MiB: bounds one batch, like Lambda's 6 MB payload limit;
 * - `allowAutoTopicCreation: false`: topics come from `infra/topics.ts`.
 */
export const CONSUMER_DEFAULTS = {
  sessionTimeout: 30_000,
  heartbeatInterval: 3_000,
  rebalanceTimeout: 60_000,
  maxWaitTimeInMs: 500,
  maxBytesPerPartition: 1_048_576,
  allowAutoTopicCreation: false,
} as const satisfies Partial<ConsumerConfig>;

/** A kafkajs consumer in group `groupId` with {@link CONSUMER_DEFAULTS}. The caller connects and subscribes. */
export function createKafkaConsumer(kafka: Pick<Kafka, 'consumer'>, options: KafkaConsumerOptions): Consumer {
  return kafka.consumer({ ...CONSUMER_DEFAULTS, ...options.overrides, groupId: options.groupId });
}
