/**
 * Pins gated pods to the GPUs the allocator booked (ARCHITECTURE §1): one write per pod that sets the GPU
 * annotations, narrows the pod's required node affinity to the node and lifts the allocation gate, so
 * kube-scheduler binds it there. Kubernetes allows exactly these changes while a pod is gated
 * (https://kubernetes.io/docs/concepts/scheduling-eviction/pod-scheduling-readiness/).
 *
 * A separate port from `Cluster` (admission's reads): this is the allocator's one write to the cluster.
 * Errors are `AppError`s: `NOT_FOUND` (the pod, with that uid, is gone), `THROTTLED` and
 * `DEPENDENCY_UNAVAILABLE` (retryable), `INVALID_INPUT` (the API server refused the change).
 */

import type { NodeObject, PodObject } from '../schemas/events/kube-objects.ts';

/** Which pod: a uid as well as a name, so a pod re-created under the same name is not mistaken for it. */
export interface PodIdentity {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

/** A binding: the pod, its node, and the annotations that name its GPUs and shares. */
export interface PodBinding extends PodIdentity {
  readonly node: string;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * What a bind did: `bound` (patched now), `already-bound` (a redelivery: the pod is ungated with these
 * annotations), or `not-gated` (someone else lifted the gate first; the pod can no longer be pinned).
 */
export type BindOutcome = 'bound' | 'already-bound' | 'not-gated';

/** The allocator's writes to pods. */
export interface PodBinder {
  /** Bind the pod; the write is conditional on the pod's resourceVersion and retried on a conflict. */
  bindPod(binding: PodBinding): Promise<BindOutcome>;
  /** Whether the pod (with that uid) still exists: what the orphan sweep asks before releasing an allocation. */
  podExists(pod: PodIdentity): Promise<boolean>;
  /** The pod as it is now (with that uid), or `undefined` when it is gone: how a waiting pod is decided again. */
  getPod(pod: PodIdentity): Promise<PodObject | undefined>;
  /**
   * The Node as it is now, or `undefined` when there is none: how a node ledger whose labels and taints were
   * never recorded (its `node.upserted` came before its first inventory) learns them before pods are pinned there.
   */
  getNode(name: string): Promise<NodeObject | undefined>;
}
