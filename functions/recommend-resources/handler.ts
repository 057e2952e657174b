// gpu.metrics (Kafka) → per-workload histograms in the state table → recommendations applied to live pods
// and owners' replicas; every change published as `scaling.applied`. See README.md.
import middy from '@middy/core';
import { kafkaBatchHandler } from '../../shared/middleware/batch-handler.ts';
import { kafkaBatchResponse } from '../../shared/middleware/batch-response.ts';
import { deadLetter } from '../../shared/middleware/dead-letter.ts';
import { decodeKafkaRecords } from '../../shared/middleware/decode-kafka-records.ts';
import type { KafkaBatchResponse } from '../../shared/middleware/kafka-batch.ts';
import type { LambdaKafkaEvent } from '../../shared/middleware/kafka-event-schema.ts';
import { gpuMetricsEventSchema, type GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';
import type { RecommendDeps } from './deps.ts';
import { createBatchRunner } from './recommend-batch.ts';
import { lazyHandler } from '../../shared/middleware/lazy-handler.ts';
import { depsFromEnv } from './deps-from-env.ts';

/** The handler wired to `deps`: decode and validate the batch, step each workload once, report failed records. */
export function createRecommendHandler(deps: RecommendDeps) {
  const run = createBatchRunner(deps);
  return middy<LambdaKafkaEvent, KafkaBatchResponse>()
    .use(kafkaBatchResponse())
    .use(deadLetter({ publisher: deps.publisher, clock: deps.clock, topic: deps.topics.deadLetter, source: 'functions/recommend-resources' }))
    .use(decodeKafkaRecords({ schemas: { [deps.topics.metrics]: gpuMetricsEventSchema }, clusterId: deps.clusterId }))
    .handler(kafkaBatchHandler<GpuMetricsEvent>(run));
}

/**
 * The Lambda entry point (`serverless.yml`: functions/recommend-resources/handler.handler). The real
 * adapters are built from the environment on the first call, so importing the module does no I/O.
 */
export const handler = lazyHandler(() => createRecommendHandler(depsFromEnv(process.env)));
