import type { MiddlewareObj, Request } from '@middy/core';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { UNKNOWN_CLUSTER_ID } from '../schemas/events/dead-letter.ts';
import { clusterIdField } from '../schemas/events/event-fields.ts';
import { clusterIdOf } from './dead-letter-envelope.ts';
import { isKafkaBatch, type KafkaBatch, type KafkaBatchResponse } from './kafka-batch.ts';
import type { LambdaKafkaEvent } from './kafka-event-schema.ts';
import { parseOptions } from './parse-options.ts';

/** Options of {@link clusterScope}. */
export interface ClusterScopeOptions {
  /** The one cluster this deployment acts for (`CLUSTER_ID`); every cluster when absent. */
  readonly clusterId?: string | undefined;
}

const optionsSchema = z.strictObject({
  clusterId: clusterIdField.optional(),
});

/**
 * The records of `batch` that belong to `clusterId`: good records whose event names it, and rejected ones
 * whose value names it or names no readable cluster (whose they are cannot be told, so each scoped
 * deployment parks them: a duplicate dead letter rather than a lost one).
 */
export function scopeBatch<T extends { readonly clusterId: string }>(batch: KafkaBatch<T>, clusterId: string): KafkaBatch<T> {
  return {
    ...batch,
    records: batch.records.filter((record) => record.value.clusterId === clusterId),
    rejected: batch.rejected.filter((rejected) => [clusterId, UNKNOWN_CLUSTER_ID].includes(clusterIdOf(rejected.raw))),
  };
}

/**
 * `before`, after `decodeKafkaRecords`: with `clusterId` set, the handler sees only that cluster's records;
 * the others are acknowledged untouched (another cluster's deployment acts on them). This is what lets the
 * runner run once per cluster on topics many clusters share: each cluster's runner in its own consumer
 * group, each acting only on its own cluster, whose API it reaches. Without `clusterId`, a no-op.
 */
export function clusterScope(options: ClusterScopeOptions): MiddlewareObj<LambdaKafkaEvent, KafkaBatchResponse> {
  const { clusterId } = parseOptions('clusterScope', optionsSchema, options);
  return {
    name: 'clusterScope',
    before: (request) => {
      if (clusterId === undefined) return;
      const batch: unknown = request.event;
      if (!isKafkaBatch(batch)) throw new AppError('INTERNAL', 'clusterScope needs the decodeKafkaRecords middleware before it');
      (request as Request<unknown>).event = scopeBatch(batch as KafkaBatch<{ readonly clusterId: string }>, clusterId);
    },
  };
}
