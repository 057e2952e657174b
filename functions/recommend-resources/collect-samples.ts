import type { PodSample } from '../../shared/core/autoscaling/autoscale-record.ts';
import type { ItemIdentifier, KafkaRecord } from '../../shared/middleware/kafka-batch.ts';
import type { GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';

/** One pod's samples in a batch, and the records they came from. */
export interface PodUsage {
  readonly clusterId: string;
  readonly namespace: string;
  readonly pod: string;
  readonly samples: PodSample[];
  readonly records: ItemIdentifier[];
}

/**
 * A batch's workload usage grouped by pod (`clusterId/namespace/pod`), in record order: one sample per
 * pod per event, stamped with the interval's end. Containers of one pod are one sample: their peaks add up.
 */
export function collectSamples(records: readonly KafkaRecord<GpuMetricsEvent>[]): Map<string, PodUsage> {
  const pods = new Map<string, PodUsage>();
  for (const record of records) {
    const { clusterId, data } = record.value;
    const atMs = Date.parse(data.intervalEnd);
    const perPod = new Map<string, PodSample>();
    for (const usage of data.workloads) {
      const key = `${clusterId}/${usage.namespace}/${usage.pod}`;
      const seen = perPod.get(key);
      perPod.set(key, {
        pod: usage.pod, atMs,
        computePercent: (seen?.computePercent ?? 0) + usage.computePercent.max,
        computeMeanPercent: (seen?.computeMeanPercent ?? 0) + usage.computePercent.mean,
        vramBytes: (seen?.vramBytes ?? 0) + usage.vramBytes.max,
      });
      if (!pods.has(key)) pods.set(key, { clusterId, namespace: usage.namespace, pod: usage.pod, samples: [], records: [] });
    }
    for (const [key, sample] of perPod) {
      const entry = pods.get(key) as PodUsage;
      entry.samples.push(sample);
      entry.records.push(record.itemIdentifier);
    }
  }
  return pods;
}
