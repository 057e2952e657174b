import type { Pod } from '../../schemas/pod.ts';

/** Where a namespaced Kubernetes object lives: enough to read or patch it with any client. */
export interface ObjectReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** An owner reference as it appears in `metadata.ownerReferences`. */
export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid?: string | undefined;
  readonly controller?: boolean | undefined;
}

/**
 * A pod's owner as read from the cluster: its own owners (for naming the workload one level up) and
 * its annotations at `resourceVersion` (where the grey-release slots live, reference §2.8).
 */
export interface OwnerObject {
  readonly reference: ObjectReference;
  readonly resourceVersion: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly OwnerReference[];
}

/**
 * A change to an owner's annotations that holds only if the owner is still at `resourceVersion`
 * (optimistic concurrency: a stale writer gets `VERSION_CONFLICT`, re-reads and re-decides).
 * A `null` value removes the annotation.
 */
export interface OwnerAnnotationUpdate {
  readonly reference: ObjectReference;
  readonly resourceVersion: string;
  readonly annotations: Readonly<Record<string, string | null>>;
}

/** Owner kinds whose own controller names the workload (reference §1.3): ReplicaSet → Deployment, Job → CronJob. */
const ONE_LEVEL_UP: Readonly<Record<string, string>> = { ReplicaSet: 'Deployment', Job: 'CronJob' };

/** The pod's controller owner (`controller: true`), the object TensorFusion keeps the grey-release counter on. */
export function controllerOf(pod: Pod): OwnerReference | undefined {
  return pod.metadata.ownerReferences?.find((reference) => reference.controller === true);
}

/** The owner that names the workload: the controller owner, else the first owner (as `resolveWorkloadName`). */
export function namingOwnerOf(pod: Pod): OwnerReference | undefined {
  return controllerOf(pod) ?? pod.metadata.ownerReferences?.[0];
}

/** Whether naming the workload needs the owner object read: only for ReplicaSets and Jobs (one level up). */
export const needsOwnerForName = (reference: OwnerReference): boolean => Object.hasOwn(ONE_LEVEL_UP, reference.kind);

/** A reference to `owner` in `namespace`, for reading it. */
export function referenceTo(owner: OwnerReference, namespace: string): ObjectReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, namespace, name: owner.name };
}

/**
 * The workload name the owner object gives (reference §1.3): a ReplicaSet's Deployment or a Job's CronJob
 * when the owner shows one, else the owner's own name; `undefined` when `owner` is not the object
 * `reference` points to (not read, or gone). Unlike the name-suffix guess of `resolveWorkloadName`, this
 * reads the real owner chain, so a ReplicaSet not made by a Deployment keeps its own name.
 */
export function workloadFromOwner(reference: OwnerReference, owner: OwnerObject | undefined): string | undefined {
  if (owner === undefined || owner.reference.kind !== reference.kind || owner.reference.name !== reference.name) return undefined;
  const parentKind = ONE_LEVEL_UP[reference.kind];
  return owner.ownerReferences.find((candidate) => candidate.controller === true && candidate.kind === parentKind)?.name ?? reference.name;
}
