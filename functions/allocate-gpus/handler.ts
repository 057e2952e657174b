// GPU allocation (ARCHITECTURE §1, §4): gated pods from `cluster-events` → a decision on the pool's ledger
// snapshot → ONE conditional ledger write → the pod pinned and ungated → a decision on `decisions`.
// Releases on pod deletion or terminal phase; on node updates records the node's labels and taints and sweeps
// orphans. See README.md.
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
import { lazyHandler } from '../../shared/middleware/lazy-handler.ts';

/** The handler wired to `deps`, reading `deps.topics` (default `cluster-events`, serverless.yml custom.kafka.topics). */
export function createAllocateGpusHandler(deps: AllocateDeps) {
  const topics = deps.topics ?? ['cluster-events'];
  return middy<LambdaKafkaEvent, KafkaBatchResponse>()
    .use(kafkaBatchResponse())
    .use(deadLetter({ publisher: deps.publisher, clock: deps.clock, topic: deps.deadLetterTopic, source: SOURCE }))
    .use(decodeKafkaRecords({ schemas: Object.fromEntries(topics.map((topic) => [topic, clusterEventSchema])), clusterId: deps.clusterId }))
    .handler(kafkaBatchHandler<ClusterEvent>(handleClusterEvents(deps)));
}

/** The Lambda entry point (`serverless.yml`: functions/allocate-gpus/handler.handler). */
export const handler = lazyHandler(() => createAllocateGpusHandler(allocateDepsFromEnv(process.env)));
