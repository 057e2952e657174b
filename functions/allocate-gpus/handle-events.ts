// The Kafka handler body for `cluster-events`: each record's pod intent (place, release) or node sweep, in
// order, one pool view per batch. Bookings are made one record after another (they decide on the snapshot);
// the pod patches that follow them run alongside the next bookings, up to BIND_CONCURRENCY at a time, and
// a later record about the same pod waits for its patch, so one pod's records keep their order.
import type { ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import { podIntent } from '../../shared/core/ledger/pod-intent.ts';
import { toAppError } from '../../shared/middleware/error-mapping.ts';
import type { BatchOutcome, KafkaBatch, KafkaRecord, RecordFailure } from '../../shared/middleware/kafka-batch.ts';
import type { AllocateDeps } from './deps.ts';
import { placePod, type PendingBind } from './place-pod.ts';
import { createPoolViews, type PoolViews } from './pool-view.ts';
import { releasePod } from './release-pod.ts';
import { retireNode } from './retire-node.ts';
import { retryWaiting } from './retry-waiting.ts';
import type { VersionedLedger } from '../../shared/adapters/state/ledger-store.ts';
import { sweepNode } from './sweep-node.ts';

/** Pod patches in flight at once in one batch. */
export const BIND_CONCURRENCY = 16;

/** Once capacity was freed: the batch's view learns the ledger as written, then the pool's waiting pods are decided again. */
async function afterRelease(written: VersionedLedger | undefined, context: { readonly event: ClusterEvent; readonly deps: AllocateDeps; readonly views: PoolViews }): Promise<void> {
  if (written === undefined) return;
  const { event, deps, views } = context;
  (await views(event.clusterId, written.ledger.pool)).update(written);
  await retryWaiting(event.clusterId, written.ledger.pool, { deps, views, eventId: event.id });
}

/** Act on one cluster event; a placement returns its pending bind. */
export async function handleEvent(event: ClusterEvent, context: { readonly deps: AllocateDeps; readonly views: PoolViews }): Promise<PendingBind | undefined> {
  const { deps, views } = context;
  if (event.type === 'node.deleted') {
    await retireNode(event.clusterId, event.data.object.metadata.name, deps);
    return undefined;
  }
  if (event.type === 'node.upserted') {
    await afterRelease(await sweepNode(event.clusterId, event.data.object.metadata.name, deps), { event, deps, views });
    return undefined;
  }
  const intent = podIntent(event);
  if (intent.kind === 'allocate') {
    const placement = await placePod(intent.pod, { origin: { clusterId: event.clusterId, eventId: event.id }, deps, views });
    return placement.kind === 'booked' ? placement.bind : undefined;
  }
  if (intent.kind === 'release') await afterRelease(await releasePod(event.clusterId, intent.pod, { reason: intent.reason, deps, views }), { event, deps, views });
  return undefined;
}

const podUidOf = (event: ClusterEvent): string | undefined =>
  event.type === 'pod.upserted' || event.type === 'pod.deleted' ? event.data.object.metadata.uid : undefined;

/** The batch body: records in order, failures listed with their AppError. */
export function handleClusterEvents(deps: AllocateDeps): (batch: KafkaBatch<ClusterEvent>) => Promise<BatchOutcome | undefined> {
  return async (batch) => {
    const views = createPoolViews(deps.ledgers);
    const failed: RecordFailure[] = [];
    const stopped = new Set<string>();
    const binds = new Map<string, Promise<void>>();
    const fail = (record: KafkaRecord<ClusterEvent>, error: unknown): void => {
      const failure = toAppError(error);
      failed.push({ itemIdentifier: record.itemIdentifier, error: failure });
      if (failure.retryable) stopped.add(record.itemIdentifier.partition);
    };
    for (const record of batch.records) {
      if (stopped.has(record.itemIdentifier.partition)) continue;
      const uid = podUidOf(record.value) ?? '';
      await binds.get(uid);
      try {
        const bind = await handleEvent(record.value, { deps, views });
        if (bind === undefined) continue;
        binds.set(uid, bind().catch((error: unknown) => fail(record, error)).finally(() => binds.delete(uid)));
        if (binds.size >= BIND_CONCURRENCY) await Promise.race(binds.values());
      } catch (error) {
        fail(record, error);
      }
    }
    await Promise.all(binds.values());
    return failed.length === 0 ? undefined : { failed };
  };
}
