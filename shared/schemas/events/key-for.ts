import { ANNOTATION_KEYS } from '../annotation-keys.ts';
import type { AnyEvent } from './any-event.ts';
import type { PodObject } from './kube-objects.ts';

/** The partition name used for pods that name no pool: "the cluster's default pool". */
export const DEFAULT_POOL_KEY = 'default';

/**
 * The pool a pod's allocation work belongs to: its `tensor-fusion.ai/gpupool` annotation, else
 * {@link DEFAULT_POOL_KEY}. Admission writes the resolved pool into that annotation (ARCHITECTURE §6), so
 * every pod it admitted names its pool from its first watch event on, and the key never changes.
 */
export function poolOfPod(pod: PodObject): string {
  const pool = pod.metadata.annotations?.[ANNOTATION_KEYS.gpuPool];
  return pool === undefined || pool === '' ? DEFAULT_POOL_KEY : pool;
}

/**
 * The Kafka message key of an event. Kafka orders records per partition and the key picks the partition,
 * so the key says which events must stay in order (ARCHITECTURE §1):
 *
 * - pods and decisions: `clusterId/pool`. Allocation work of one pool lands on one partition, so one
 *   consumer decides a pool's pods serially and ledger write conflicts stay rare;
 * - nodes, GPU inventory and GPU metrics: `clusterId/node`. One node's facts stay in order;
 * - WorkloadProfiles, Deployments and StatefulSets: `clusterId/namespace/name`. A profile's `poolName` can change, so keying by pool would
 *   let an update overtake an earlier one; by object, its upserts and delete stay in order;
 * - dead letters: `clusterId/topic-partition` of the failed record, so a replay tool reads them in order.
 */
export function keyFor(event: AnyEvent): string {
  const prefix = event.clusterId;
  switch (event.type) {
    case 'pod.upserted':
    case 'pod.deleted':
      return `${prefix}/${poolOfPod(event.data.object)}`;
    case 'node.upserted':
    case 'node.deleted':
      return `${prefix}/${event.data.object.metadata.name}`;
    case 'workload-profile.upserted':
    case 'workload-profile.deleted':
    case 'deployment.upserted':
    case 'deployment.deleted':
    case 'statefulset.upserted':
    case 'statefulset.deleted':
      return `${prefix}/${event.data.object.metadata.namespace}/${event.data.object.metadata.name}`;
    case 'gpu-node.inventory':
    case 'gpu.metrics':
      return `${prefix}/${event.data.node}`;
    case 'allocation.placed':
    case 'allocation.released':
    case 'allocation.unschedulable':
    case 'scaling.applied':
      return `${prefix}/${event.data.pool}`;
    case 'dead-letter':
      return `${prefix}/${event.data.topic}-${event.data.partition}`;
  }
}
