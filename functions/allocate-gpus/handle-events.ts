// The Kafka handler body for `cluster-events`, records in order with one pool view per batch. Consecutive
// records that place distinct gated pods form a run (`placeRun`: one ledger write per changed node); the pod
// patches that follow run alongside the next records, up to BIND_CONCURRENCY at a time, and a later record
// about the same pod waits for its patch, so one pod's records keep their order. Releases, node sweeps and
// node retirements are handled one record at a time.
import type { VersionedLedger } from '../../shared/adapters/state/ledger-store.ts';
import { podIntent } from '../../shared/core/ledger/pod-intent.ts';
import { toAppError } from '../../shared/middleware/error-mapping.ts';
import type { BatchOutcome, KafkaBatch, KafkaRecord, RecordFailure } from '../../shared/middleware/kafka-batch.ts';
import type { ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import type { AllocateDeps } from './deps.ts';
import { placeRun, type RunItem } from './place-run.ts';
import { createPoolViews, type PoolViews } from './pool-view.ts';
import { recordNode } from './record-node.ts';
import { releasePod } from './release-pod.ts';
import { retireNode } from './retire-node.ts';
import { retryWaiting } from './retry-waiting.ts';
import { sweepNode } from './sweep-node.ts';

/** Pod patches in flight at once in one batch. */
export const BIND_CONCURRENCY = 16;

type Context = { readonly deps: AllocateDeps; readonly views: PoolViews };

/**
 * Once capacity was freed or a node's labels or taints changed: the batch's view learns the ledger as written,
 * then the pool's waiting pods are decided again.
 */
async function afterChange(written: VersionedLedger | undefined, context: Context & { readonly event: ClusterEvent }): Promise<void> {
  if (written === undefined) return;
  const { event, deps, views } = context;
  (await views(event.clusterId, written.ledger.pool)).update(written);
  await retryWaiting(event.clusterId, written.ledger.pool, { deps, views, eventId: event.id });
}

/** Act on one cluster event that does not place a pod. */
async function handleEvent(event: ClusterEvent, context: Context): Promise<void> {
  const { deps, views } = context;
  if (event.type === 'node.deleted') await retireNode(event.clusterId, event.data.object.metadata.name, deps);
  if (event.type === 'node.upserted') {
    const held = await deps.ledgers.getLedger(event.clusterId, event.data.object.metadata.name);
    const recorded = await recordNode(event.data.object, held, deps);
    const current = recorded ?? held;
    const swept = current === undefined ? undefined : await sweepNode(current, deps);
    await afterChange(swept ?? recorded, { event, deps, views });
  }
  const intent = podIntent(event);
  if (intent.kind === 'release') await afterChange(await releasePod(event.clusterId, intent.pod, { reason: intent.reason, deps, views }), { event, deps, views });
}

const podUidOf = (event: ClusterEvent): string =>
  event.type === 'pod.upserted' || event.type === 'pod.deleted' ? event.data.object.metadata.uid : '';

/** The records from `start` that place distinct gated pods, up to the first that does not (none when `start` does not). */
function runFrom(records: readonly KafkaRecord<ClusterEvent>[], start: number, stopped: ReadonlySet<string>): (RunItem & { readonly record: KafkaRecord<ClusterEvent> })[] {
  const run: (RunItem & { readonly record: KafkaRecord<ClusterEvent> })[] = [];
  const uids = new Set<string>();
  for (const record of records.slice(start)) {
    const intent = podIntent(record.value);
    if (stopped.has(record.itemIdentifier.partition) || intent.kind !== 'allocate' || uids.has(intent.pod.metadata.uid)) break;
    uids.add(intent.pod.metadata.uid);
    run.push({ record, pod: intent.pod, origin: { clusterId: record.value.clusterId, eventId: record.value.id } });
  }
  return run;
}

/** The batch body: records in order, failures listed with their AppError. */
export function handleClusterEvents(deps: AllocateDeps): (batch: KafkaBatch<ClusterEvent>) => Promise<BatchOutcome | undefined> {
  return async (batch) => {
    let views = createPoolViews(deps);
    const failed: RecordFailure[] = [];
    const stopped = new Set<string>();
    const binds = new Map<string, Promise<void>>();
    const fail = (record: KafkaRecord<ClusterEvent>, error: unknown): void => {
      const failure = toAppError(error);
      failed.push({ itemIdentifier: record.itemIdentifier, error: failure });
      if (failure.retryable) stopped.add(record.itemIdentifier.partition);
    };
    const bindAll = async (run: readonly { readonly record: KafkaRecord<ClusterEvent> }[], pending: ReadonlyMap<string, () => Promise<void>>): Promise<void> => {
      for (const { record } of run) {
        const uid = podUidOf(record.value);
        const bind = pending.get(uid);
        if (bind === undefined) continue;
        binds.set(uid, bind().catch((error: unknown) => fail(record, error)).finally(() => binds.delete(uid)));
        if (binds.size >= BIND_CONCURRENCY) await Promise.race(binds.values());
      }
    };
    for (let at = 0; at < batch.records.length;) {
      const record = batch.records[at] as KafkaRecord<ClusterEvent>;
      const run = runFrom(batch.records, at, stopped);
      const records = run.length > 0 ? run.map((item) => item.record) : [record];
      at += records.length;
      if (stopped.has(record.itemIdentifier.partition)) continue;
      await Promise.all(records.map((each) => binds.get(podUidOf(each.value))));
      try {
        if (run.length > 0) await bindAll(run, await placeRun(run, { deps, views }));
        else await handleEvent(record.value, { deps, views });
      } catch (error) {
        records.forEach((each) => fail(each, error));
        // A failed run may leave bookings staged but unwritten: read the pools again rather than trust them.
        views = createPoolViews(deps);
      }
    }
    await Promise.all(binds.values());
    return failed.length === 0 ? undefined : { failed };
  };
}
