import type { ObjectReference } from '../core/admission/owner.ts';
import type { PodReadiness } from '../core/autoscaling/utilisation-of-pods.ts';
import type { Pod } from '../schemas/pod.ts';

/** A pod as the autoscaler sees it: the parsed pod plus the fields it acts on. */
export interface WorkloadPod {
  readonly pod: Pod;
  readonly uid: string;
  /** Epoch ms of `metadata.creationTimestamp` (0 when the server gave none). */
  readonly createdMs: number;
  /** From its phase, Ready condition and deletion timestamp: how replica scaling counts it when it sends no readings. */
  readonly readiness: PodReadiness;
}

/** The scale subresource of a Deployment or StatefulSet at `resourceVersion`. */
export interface Scale {
  readonly reference: ObjectReference;
  readonly replicas: number;
  readonly resourceVersion: string;
}

/**
 * The running workloads the autoscaler reads and changes (reference §5.7): their pods, found by name or by
 * label, pod annotations patched in place (the node limiter re-reads them, no restart), and the owner's
 * scale subresource for replica scaling. Absent objects are `undefined`; API failures are AppErrors
 * (`DEPENDENCY_UNAVAILABLE`, `THROTTLED`: retryable), a stale scale write `VERSION_CONFLICT`.
 */
export interface Workloads {
  /** The pod `name` in `namespace`. */
  getPod(namespace: string, name: string): Promise<WorkloadPod | undefined>;
  /** Pods in `namespace` whose labels include every pair of `labels`. */
  listPods(namespace: string, labels: Readonly<Record<string, string>>): Promise<readonly WorkloadPod[]>;
  /** Merge `annotations` into the pod's (a `null` value removes one); `NOT_FOUND` when the pod is gone. */
  patchPodAnnotations(namespace: string, name: string, annotations: Readonly<Record<string, string | null>>): Promise<void>;
  /** The scale of a Deployment or StatefulSet, `undefined` when it does not exist. */
  getScale(reference: ObjectReference): Promise<Scale | undefined>;
  /** Set the replicas if the scale is still at `scale.resourceVersion`, else `VERSION_CONFLICT`. */
  setScale(scale: Scale): Promise<Scale>;
}
