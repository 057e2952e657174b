import type { ObjectReference, OwnerAnnotationUpdate, OwnerObject } from '../core/admission/owner.ts';
import type { GpuPool } from '../schemas/gpu-pool.ts';
import type { WorkloadProfile } from '../schemas/workload-profile.ts';

export type { ObjectReference, OwnerAnnotationUpdate, OwnerObject };

/** A pod as {@link Cluster.listPods} gives it: enough to tell who holds what. */
export interface PodSummary {
  readonly name: string;
  readonly uid: string;
  readonly annotations: Readonly<Record<string, string>>;
  /** `metadata.deletionTimestamp` is set: the pod is going away. */
  readonly terminating: boolean;
}

/** How {@link Cluster.getOwner} may answer. */
export interface OwnerReadOptions {
  /**
   * Bypass any cache and read the owner as the API server has it now. Needed when the answer is written
   * back under its resourceVersion (grey-release slots); naming the workload can live with a cached copy.
   */
  readonly fresh?: boolean;
}

/**
 * The Kubernetes objects the control plane reads and the few it writes, for one cluster (ARCHITECTURE
 * §1: admission reads profiles and pools "from a cache or the table"). Reads may be served from a short
 * cache; `undefined` means the object does not exist. Objects are returned parsed by their schemas: a
 * stored object that breaks its schema is an `INVALID_INPUT` AppError naming each field. Failures of
 * the API itself are `DEPENDENCY_UNAVAILABLE` or `THROTTLED` (retryable).
 */
export interface Cluster {
  /** The WorkloadProfile `name` in `namespace`. */
  getWorkloadProfile(namespace: string, name: string): Promise<WorkloadProfile | undefined>;
  /** Every GPUPool (cluster-scoped). Pools that break the schema are left out, so one bad pool cannot block admission. */
  listGpuPools(): Promise<readonly GpuPool[]>;
  /** The object a pod's owner reference points to (a ReplicaSet, Job, StatefulSet, ...), with its annotations and owners. */
  getOwner(reference: ObjectReference, options?: OwnerReadOptions): Promise<OwnerObject | undefined>;
  /**
   * Change an owner's annotations if it is still at `update.resourceVersion`; otherwise fail with
   * `VERSION_CONFLICT` (retryable: re-read and re-decide). A missing owner is `NOT_FOUND`. Returns the
   * owner as written.
   */
  updateOwnerAnnotations(update: OwnerAnnotationUpdate): Promise<OwnerObject>;
  /**
   * The pods of `namespace` matching `labelSelector` (every pod when undefined), read from the API server
   * now, never from a cache: admission frees grey-release slots from this answer.
   */
  listPods(namespace: string, labelSelector: string | undefined): Promise<readonly PodSummary[]>;
}
