// Give a grey-release slot back when a mutated pod is deleted (reference §2.8; TensorFusion does it in a
// pod finalizer). Called from the cluster-events stream: `releasePodCounters` is the Kafka handler body
// for `pod.deleted` records; `releasePodCounter` releases one pod. Both are idempotent by construction:
// only a pod whose slot token the owner still lists gives it back.
import { decideRelease, parseMark, POD_COUNTER_KEY } from '../../shared/core/admission/grey-release.ts';
import { controllerOf, referenceTo } from '../../shared/core/admission/owner.ts';
import { hasErrorCode } from '../../shared/core/errors.ts';
import type { BatchOutcome, KafkaBatch, RecordFailure } from '../../shared/middleware/kafka-batch.ts';
import { toAppError } from '../../shared/middleware/error-mapping.ts';
import type { Cluster } from '../../shared/ports/cluster.ts';
import type { ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import { podSchema } from '../../shared/schemas/pod.ts';

/** What happened to one deleted pod's slot. */
export type ReleaseOutcome =
  | { readonly kind: 'released'; readonly owner: string; readonly key: string }
  | { readonly kind: 'skipped'; readonly reason: 'not-marked' | 'not-listed' | 'no-owner' | 'owner-gone' };

/**
 * Release the slot of one deleted pod (its last known state): read its controller owner fresh, remove the
 * pod's token from the owner annotation under the owner's resourceVersion, and retry on a conflict. A pod
 * without a mark, an owner that is gone (the count died with it) or a token already removed changes nothing.
 */
export async function releasePodCounter(object: unknown, cluster: Cluster, maxAttempts = 5): Promise<ReleaseOutcome> {
  const parsed = podSchema.safeParse(object);
  if (!parsed.success || parseMark(parsed.data.metadata.annotations?.[POD_COUNTER_KEY]) === undefined) return { kind: 'skipped', reason: 'not-marked' };
  const pod = parsed.data;
  const controller = controllerOf(pod);
  if (controller === undefined || pod.metadata.namespace === undefined) return { kind: 'skipped', reason: 'no-owner' };
  const reference = referenceTo(controller, pod.metadata.namespace);
  for (let attempt = 1; ; attempt++) {
    const owner = await cluster.getOwner(reference, { fresh: true });
    if (owner === undefined) return { kind: 'skipped', reason: 'owner-gone' };
    const verdict = decideRelease(pod.metadata.annotations, owner.annotations);
    if (verdict.kind === 'none') return { kind: 'skipped', reason: verdict.reason };
    try {
      await cluster.updateOwnerAnnotations({ reference, resourceVersion: owner.resourceVersion, annotations: { [verdict.key]: verdict.value } });
      return { kind: 'released', owner: `${reference.kind} ${reference.namespace}/${reference.name}`, key: verdict.key };
    } catch (error) {
      if (!hasErrorCode(error, 'VERSION_CONFLICT') || attempt >= maxAttempts) throw error;
    }
  }
}

/**
 * The Kafka handler body for the `cluster-events` topic (wrap it with `kafkaBatchHandler` behind
 * `decodeKafkaRecords`, `deadLetter` and `kafkaBatchResponse`): every `pod.deleted` record releases its
 * pod's slot; other event types are ignored. A failed release is listed with its AppError, so a
 * retryable one (a conflict that kept losing, an unavailable API server) is retried and redelivery is safe.
 */
export function releasePodCounters(cluster: Cluster): (batch: KafkaBatch<ClusterEvent>) => Promise<BatchOutcome | undefined> {
  return async (batch) => {
    const failed: RecordFailure[] = [];
    for (const record of batch.records) {
      if (record.value.type !== 'pod.deleted') continue;
      try {
        await releasePodCounter(record.value.data.object, cluster);
      } catch (error) {
        failed.push({ itemIdentifier: record.itemIdentifier, error: toAppError(error) });
      }
    }
    return failed.length === 0 ? undefined : { failed };
  };
}
