import type { KafkaBatch, RecordFailure } from '../../shared/middleware/kafka-batch.ts';
import { toAppError } from '../../shared/middleware/error-mapping.ts';
import type { GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';
import { autoscaleWorkload } from './autoscale-workload.ts';
import { collectSamples } from './collect-samples.ts';
import type { RecommendDeps } from './deps.ts';
import { groupWorkloads } from './group-workloads.ts';

/**
 * A batch of `gpu.metrics` events: samples grouped by pod, pods by workload, then each workload stepped
 * once. A workload that fails hands back every record that carried its samples (retryable codes are
 * retried; the per-pod watermarks make the redelivery harmless for the workloads that did succeed).
 */
export async function recommendBatch(batch: KafkaBatch<GpuMetricsEvent>, deps: RecommendDeps): Promise<{ failed: RecordFailure[] }> {
  const groups = await groupWorkloads(collectSamples(batch.records).values(), deps.workloads);
  const failed = new Map<string, RecordFailure>();
  for (const group of groups) {
    try {
      await autoscaleWorkload(group, deps);
    } catch (error) {
      const appError = toAppError(error);
      deps.log('error', 'workload step failed', { namespace: group.namespace, workload: group.workload, code: appError.code, error: appError.message });
      for (const itemIdentifier of group.records) failed.set(`${itemIdentifier.partition}@${itemIdentifier.offset}`, { itemIdentifier, error: appError });
    }
  }
  return { failed: [...failed.values()] };
}
