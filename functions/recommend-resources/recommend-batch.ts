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
import { contextResolver, type ContextResolver } from './resolve-context.ts';
import { createRecordCache, prefetchRecords, recordKey, type Prefetched, type RecordCache } from './workload-record.ts';

/** Workloads of one batch stepped at once: each is its own item and its own pods, so only I/O waits overlap. */
const CONCURRENT_WORKLOADS = 16;

/**
 * The batch's records the instance's cache lacks, read ahead in one `getMany`. If that read fails, each
 * workload reads its own (and fails, and hands back its records, on its own).
 */
async function prefetch(groups: readonly WorkloadBatch[], records: RecordCache, deps: RecommendDeps): Promise<Map<string, Prefetched>> {
  try {
    return await prefetchRecords(deps.store, records, groups.map(recordKey));
  } catch (error) {
    deps.log('warn', 'batch read of workload records failed: read one by one', { workloads: groups.length, error: toAppError(error).message });
    return new Map();
  }
}

/**
 * The GPUs held by the batch's lead pods the instance has not read yet, read ahead together. If that read
 * fails, each workload reads its own (as {@link prefetch} falls back).
 */
async function prefetchGpus(groups: readonly WorkloadBatch[], resolve: ContextResolver, deps: RecommendDeps): Promise<void> {
  try {
    await resolve.prefetch(groups, deps);
  } catch (error) {
    deps.log('warn', 'batch read of held GPUs failed: read one by one', { workloads: groups.length, error: toAppError(error).message });
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
    const [prefetched] = await Promise.all([prefetch(groups, records, deps), prefetchGpus(groups, resolve, deps)]);
    await concurrently(groups, CONCURRENT_WORKLOADS, (group) => step(group, { failed, prefetched }));
    return { failed: [...failed.values()] };
  };
}
