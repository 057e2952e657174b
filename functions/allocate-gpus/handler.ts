// GPU allocation (ARCHITECTURE §1, §4): gated pods from `cluster-events` → a decision on the pool's ledger
// snapshot → ONE conditional ledger write → the pod pinned and ungated → a decision on `decisions`.
// Releases on pod deletion or terminal phase; sweeps orphans on node updates. See README.md.
import middy from '@middy/core';
import { kafkaBatchHandler } from '../../shared/middleware/batch-handler.ts';
import { kafkaBatchResponse } from '../../shared/middleware/batch-response.ts';
import { deadLetter } from '../../shared/middleware/dead-letter.ts';
import { decodeKafkaRecords } from '../../shared/middleware/decode-kafka-records.ts';
import type { KafkaBatchResponse } from '../../shared/middleware/kafka-batch.ts';
import type { LambdaKafkaEvent } from '../../shared/middleware/kafka-event-schema.ts';
import { clusterEventSchema, type ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import { SOURCE } from './decision-events.ts';
import type { AllocateDeps } from './deps.ts';
import { allocateDepsFromEnv } from './from-env.ts';
import { handleClusterEvents } from './handle-events.ts';

/** The topic the allocator consumes (serverless.yml custom.kafka.topics.clusterEvents). */
export const CLUSTER_EVENTS_TOPIC = 'cluster-events';

/** The handler wired to `deps`, reading `topics` (default `cluster-events`). */
export function createAllocateGpusHandler(deps: AllocateDeps, topics: readonly string[] = [CLUSTER_EVENTS_TOPIC]) {
  return middy<LambdaKafkaEvent, KafkaBatchResponse>()
    .use(kafkaBatchResponse())
    .use(deadLetter({ publisher: deps.publisher, clock: deps.clock, topic: deps.deadLetterTopic, source: SOURCE }))
    .use(decodeKafkaRecords({ schemas: Object.fromEntries(topics.map((topic) => [topic, clusterEventSchema])) }))
    .handler(kafkaBatchHandler<ClusterEvent>(handleClusterEvents(deps)));
}

/** The topics from `CLUSTER_EVENTS_TOPICS` (comma list), for runners reading renamed topics. */
const topics = process.env['CLUSTER_EVENTS_TOPICS']?.split(',') ?? [CLUSTER_EVENTS_TOPIC];

/** The Lambda entry point (`serverless.yml`: functions/allocate-gpus/handler.handler). */
export const handler = createAllocateGpusHandler(allocateDepsFromEnv(process.env), topics);
