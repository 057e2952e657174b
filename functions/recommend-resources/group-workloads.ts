import { WORKLOAD_LABEL } from '../../shared/core/admission/mutate-pod.ts';
import type { PodSample } from '../../shared/core/autoscaling/autoscale-record.ts';
import type { ItemIdentifier } from '../../shared/middleware/kafka-batch.ts';
import type { WorkloadPod, Workloads } from '../../shared/ports/workloads.ts';
import type { PodUsage } from './collect-samples.ts';
import { concurrently } from '../../shared/adapters/concurrently.ts';

/** A reporting pod of a workload: the pod as read now, and its name. */
export interface ReportingPod {
  readonly pod: WorkloadPod;
  readonly name: string;
}

/** One workload's share of a batch. */
export interface WorkloadBatch {
  readonly clusterId: string;
  readonly namespace: string;
  readonly workload: string;
  readonly pods: ReportingPod[];
  readonly samples: PodSample[];
  readonly records: ItemIdentifier[];
}

/** Pods read at once while grouping (a cold cache reads each from the API server). */
const CONCURRENT_READS = 16;

/**
 * Group pods' usage by workload (the `tensor-fusion.ai/workload` label admission wrote): all workers of a
 * workload share one state (reference §5.3), so a batch writes it once. Pods that are gone or not ours are
 * left out (their samples describe nothing the autoscaler can change).
 */
export async function groupWorkloads(usage: Iterable<PodUsage>, workloads: Workloads): Promise<WorkloadBatch[]> {
  const entries = [...usage];
  const pods = await concurrently(entries, CONCURRENT_READS, (entry) => workloads.getPod(entry.namespace, entry.pod));
  const groups = new Map<string, WorkloadBatch>();
  entries.forEach((entry, index) => {
    const pod = pods[index];
    const workload = pod?.pod.metadata.labels?.[WORKLOAD_LABEL];
    if (pod === undefined || workload === undefined) return;
    const key = `${entry.clusterId}/${entry.namespace}/${workload}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { clusterId: entry.clusterId, namespace: entry.namespace, workload, pods: [], samples: [], records: [] };
      groups.set(key, group);
    }
    group.pods.push({ pod, name: entry.pod });
    group.samples.push(...entry.samples);
    group.records.push(...entry.records);
  });
  return [...groups.values()];
}
