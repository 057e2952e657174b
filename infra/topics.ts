/**
 * Every Kafka topic in one place: name, partition count, retention and the event types it carries
 * (ARCHITECTURE §1). `shared/adapters/kafka/provision-topics.ts` creates them; `serverless.yml` and the
 * runner subscribe by these names; producers route events with {@link topicFor}.
 *
 * Partition counts bound parallelism (Lambda runs at most one poller invocation per partition; a consumer
 * group uses at most one member per partition) and can only grow later, and growing them remaps keys
 * to partitions, which breaks ordering for keys in flight. So each count is sized once, for the fleet of
 * `../data/openb` (1,213 nodes) and a handful of clusters, and chosen with many divisors (6, 12) so 1, 2,
 * 3, 4 or 6 consumers share partitions evenly.
 */
import { CLUSTER_EVENT_TYPES } from '../shared/schemas/events/cluster-events.ts';
import { DEAD_LETTER_EVENT_TYPES } from '../shared/schemas/events/dead-letter.ts';
import { DECISION_EVENT_TYPES } from '../shared/schemas/events/decisions.ts';
import { GPU_INVENTORY_EVENT_TYPES } from '../shared/schemas/events/gpu-inventory.ts';
import { GPU_METRICS_EVENT_TYPES } from '../shared/schemas/events/gpu-metrics.ts';
import type { EventType } from '../shared/schemas/events/any-event.ts';
import { AppError } from '../shared/core/errors.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** One topic's definition. */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** `retention.ms`: how long records stay readable, which is how far back a consumer can replay. */
  readonly retentionMs: number;
  /** `max.message.bytes`, where a topic needs more than the broker default (1 MiB). */
  readonly maxMessageBytes?: number;
  readonly carries: readonly EventType[];
}

/** Topic names, by role. */
export const TOPIC_NAMES = {
  clusterEvents: 'cluster-events',
  gpuInventory: 'gpu-inventory',
  gpuMetrics: 'gpu-metrics',
  decisions: 'decisions',
  deadLetter: 'dead-letter',
} as const;

/** A topic name. */
export type TopicName = (typeof TOPIC_NAMES)[keyof typeof TOPIC_NAMES];

/** Every topic, by name. */
export const TOPICS: { readonly [N in TopicName]: TopicSpec & { readonly name: N } } = {
  // Keyed clusterId/pool (pods) and clusterId/node: pools are few, so 12 leaves room for many clusters'
  // pools to spread. A week of retention lets a recovered consumer replay a long outage.
  'cluster-events': { name: 'cluster-events', partitions: 12, retentionMs: 7 * DAY_MS, carries: CLUSTER_EVENT_TYPES },
  // Snapshots on node start and on change only: low volume, ordered per node.
  'gpu-inventory': { name: 'gpu-inventory', partitions: 6, retentionMs: 7 * DAY_MS, carries: GPU_INVENTORY_EVENT_TYPES },
  // The busiest topic (one aggregated record per node per interval: ~120 records/s for 1,213 nodes at 10 s),
  // keyed by node, so it spreads evenly over 12. Old metrics are worth little: two days cover a weekend.
  'gpu-metrics': { name: 'gpu-metrics', partitions: 12, retentionMs: 2 * DAY_MS, carries: GPU_METRICS_EVENT_TYPES },
  // The audit trail behind "explain": low volume, kept for a month.
  'decisions': { name: 'decisions', partitions: 6, retentionMs: 30 * DAY_MS, carries: DECISION_EVENT_TYPES },
  // Rare, read by people and replay tools; two weeks to notice. A dead letter wraps a whole record (as
  // base64 when it is not UTF-8), so it may be larger than the record was: allow 4 MiB.
  'dead-letter': { name: 'dead-letter', partitions: 3, retentionMs: 14 * DAY_MS, maxMessageBytes: 4 * 1024 * 1024, carries: DEAD_LETTER_EVENT_TYPES },
};

/** Every topic definition, in a stable order. */
export const ALL_TOPICS: readonly TopicSpec[] = Object.values(TOPICS);

const BY_TYPE: ReadonlyMap<EventType, TopicName> = new Map(
  ALL_TOPICS.flatMap((topic) => topic.carries.map((type) => [type, topic.name as TopicName] as const)),
);

/** The topic that carries events of `type`. Every event type has exactly one (see the topics test). */
export function topicFor(type: EventType): TopicName {
  const topic = BY_TYPE.get(type);
  if (topic === undefined) throw new AppError('INTERNAL', `no topic carries event type ${type}`, { details: { type } });
  return topic;
}
