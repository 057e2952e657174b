import { identifierKey, type KafkaBatch, type RecordFailure } from '../../shared/middleware/kafka-batch.ts';
import { toAppError } from '../../shared/middleware/error-mapping.ts';
import { itemId } from '../../shared/ports/state-store.ts';
import type { GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';
import { autoscaleWorkload } from './autoscale-workload.ts';
import { collectSamples } from './collect-samples.ts';
import { concurrently } from '../../shared/adapters/concurrently.ts';
import type { RecommendDeps } from './deps.ts';
import { groupWorkloads, type WorkloadBatch } from './group-workloads.ts';
import { createRecordedOwners } from './record-recommendation.ts';
import { contextResolver } from './resolve-context.ts';
import { createRecordCache, prefetchRecords, recordKey, type Prefetched } from './workload-record.ts';

/** Workloads of one batch stepped at once: each is its own item and its own pods, so only I/O waits overlap. */
const CONCURRENT_WORKLOADS = 16;

/**
 * A batch's read-ahead: the records the instance's cache lacks (one `getMany`), or the GPUs held by the
 * lead pods the instance has not read yet (together). If it fails, that is logged (`warn`, `failed`) and
 * the batch carries on with `fallback`: each workload reads its own (and fails, and hands back its
 * records, on its own).
 */
async function readAhead<T>(read: () => Promise<T>, input: { readonly fallback: T; readonly failed: string; readonly workloads: number; readonly deps: RecommendDeps }): Promise<T> {
  try {
    return await read();
  } catch (error) {
    input.deps.log('warn', input.failed, { workloads: input.workloads, error: toAppError(error).message });
    return input.fallback;
  }
}

/** A batch's handling, as the handler runs it. */
export type BatchRunner = (batch: KafkaBatch<GpuMetricsEvent>) => Promise<{ failed: RecordFailure[] }>;

/**
 * A batch of `gpu.metrics` events: samples grouped by pod, pods by workload, the records the cache lacks
 * read in one `getMany` (and, alongside, the GPUs of the lead pods the instance has not read, together),
 * then each workload stepped once ({@link CONCURRENT_WORKLOADS} at a time). A workload that fails hands
 * back every record that carried its samples (retryable codes are retried; the per-pod watermarks make
 * the redelivery harmless for the workloads that did succeed).
 */
export function createBatchRunner(deps: RecommendDeps): BatchRunner {
  const resolve = contextResolver();
  const records = createRecordCache();
  const owners = createRecordedOwners();
  const step = async (group: WorkloadBatch, batch: { failed: Map<string, RecordFailure>; prefetched: Map<string, Prefetched> }): Promise<void> => {
    const { failed } = batch;
    try {
      const context = await resolve(group, deps);
      if (context !== undefined) await autoscaleWorkload(group, { context, records, owners, prefetched: batch.prefetched.get(itemId(recordKey(group))) }, deps);
    } catch (error) {
      const appError = toAppError(error);
      deps.log('error', 'workload step failed', { namespace: group.namespace, workload: group.workload, code: appError.code, error: appError.message });
      for (const itemIdentifier of group.records) failed.set(identifierKey(itemIdentifier), { itemIdentifier, error: appError });
    }
  };
  return async (batch) => {
    const groups = await groupWorkloads(collectSamples(batch.records).values(), deps.workloads);
    const failed = new Map<string, RecordFailure>();
    const workloads = groups.length;
    const [prefetched] = await Promise.all([
      readAhead(() => prefetchRecords(deps.store, records, groups.map(recordKey)), { fallback: new Map<string, Prefetched>(), failed: 'batch read of workload records failed: read one by one', workloads, deps }),
      readAhead(() => resolve.prefetch(groups, deps), { fallback: undefined, failed: 'batch read of held GPUs failed: read one by one', workloads, deps }),
    ]);
    await concurrently(groups, CONCURRENT_WORKLOADS, (group) => step(group, { failed, prefetched }));
    return { failed: [...failed.values()] };
  };
}
