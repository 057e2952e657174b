// The Kafka handler body for `cluster-events`: each record's pod intent (place, release) or node sweep,
// records in order, one pool view per batch. A partition stops at its first retryable failure, since the
// records after it come again anyway and may depend on it (shared/middleware/README.md).
import { podIntent } from '../../shared/core/ledger/pod-intent.ts';
import { toAppError } from '../../shared/middleware/error-mapping.ts';
import type { BatchOutcome, KafkaBatch, RecordFailure } from '../../shared/middleware/kafka-batch.ts';
import type { ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import type { AllocateDeps } from './deps.ts';
import { placePod } from './place-pod.ts';
import { createPoolViews, type PoolViews } from './pool-view.ts';
import { releasePod } from './release-pod.ts';
import { sweepNode } from './sweep-node.ts';

/** Act on one cluster event. */
export async function handleEvent(event: ClusterEvent, context: { readonly deps: AllocateDeps; readonly views: PoolViews }): Promise<void> {
  const { deps, views } = context;
  if (event.type === 'node.upserted') {
    await sweepNode(event.clusterId, event.data.object.metadata.name, deps);
    return;
  }
  const intent = podIntent(event);
  if (intent.kind === 'allocate') await placePod(intent.pod, { origin: { clusterId: event.clusterId, eventId: event.id }, deps, views });
  if (intent.kind === 'release') await releasePod(event.clusterId, intent.pod, { reason: intent.reason, deps, views });
}

/** The batch body: records in order, failures listed with their AppError. */
export function handleClusterEvents(deps: AllocateDeps): (batch: KafkaBatch<ClusterEvent>) => Promise<BatchOutcome | undefined> {
  return async (batch) => {
    const views = createPoolViews(deps.ledgers);
    const failed: RecordFailure[] = [];
    const stopped = new Set<string>();
    for (const record of batch.records) {
      if (stopped.has(record.itemIdentifier.partition)) continue;
      try {
        await handleEvent(record.value, { deps, views });
      } catch (error) {
        const failure = toAppError(error);
        failed.push({ itemIdentifier: record.itemIdentifier, error: failure });
        if (failure.retryable) stopped.add(record.itemIdentifier.partition);
      }
    }
    return failed.length === 0 ? undefined : { failed };
  };
}
