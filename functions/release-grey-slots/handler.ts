// Gives grey-release slots back (reference §2.8; TensorFusion does it in a pod finalizer): a Kafka handler on
// `cluster-events` whose `pod.deleted` records free the deleted pod's slot on its owner. See README.md.
import middy from '@middy/core';
import { TOPIC_NAMES } from '../../infra/topics.ts';
import { clusterAccessOf, functionEnv, functionEnvSchema, publisherOf } from '../../shared/adapters/function-env.ts';
import { createKubernetesCluster } from '../../shared/adapters/kubernetes/cluster.ts';
import { kafkaBatchHandler } from '../../shared/middleware/batch-handler.ts';
import { kafkaBatchResponse } from '../../shared/middleware/batch-response.ts';
import { deadLetter } from '../../shared/middleware/dead-letter.ts';
import { decodeKafkaRecords } from '../../shared/middleware/decode-kafka-records.ts';
import type { KafkaBatchResponse } from '../../shared/middleware/kafka-batch.ts';
import { lazyHandler } from '../../shared/middleware/lazy-handler.ts';
import type { LambdaKafkaEvent } from '../../shared/middleware/kafka-event-schema.ts';
import { systemClock, type Clock } from '../../shared/ports/clock.ts';
import type { Cluster } from '../../shared/ports/cluster.ts';
import type { EventPublisher } from '../../shared/ports/event-publisher.ts';
import { clusterEventSchema, type ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import { releasePodCounters } from './release-pod-counter.ts';

/** What the handler is wired to. */
export interface ReleaseGreySlotsDeps {
  readonly cluster: Cluster;
  /** Where undecodable records are parked. */
  readonly publisher: EventPublisher;
  readonly deadLetterTopic: string;
  readonly clock?: Clock;
  /** The one cluster acted for (`CLUSTER_ID`); every cluster's records when absent. */
  readonly clusterId?: string | undefined;
}

/** The handler: decode cluster events (bad ones dead-lettered), release each deleted pod's slot, report retryable failures. */
export function createReleaseGreySlotsHandler(deps: ReleaseGreySlotsDeps) {
  return middy<LambdaKafkaEvent, KafkaBatchResponse>()
    .use(kafkaBatchResponse())
    .use(deadLetter({ publisher: deps.publisher, clock: deps.clock ?? systemClock, topic: deps.deadLetterTopic, source: 'functions/release-grey-slots' }))
    .use(decodeKafkaRecords({ schemas: { [TOPIC_NAMES.clusterEvents]: clusterEventSchema }, clusterId: deps.clusterId }))
    .handler(kafkaBatchHandler<ClusterEvent>(releasePodCounters(deps.cluster)));
}

/** The Lambda entry point (`serverless.yml`: functions/release-grey-slots/handler.handler), wired from the environment on its first event. */
export const handler = lazyHandler(() => {
  const env = functionEnv('release-grey-slots', process.env, functionEnvSchema);
  return createReleaseGreySlotsHandler({
    cluster: createKubernetesCluster({ access: clusterAccessOf(env), cacheTtlMs: env.CLUSTER_CACHE_TTL_MS }),
    publisher: publisherOf(env, 'release-grey-slots'),
    deadLetterTopic: env.DEAD_LETTER_TOPIC,
    clusterId: env.CLUSTER_ID,
  });
});
