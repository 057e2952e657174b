import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import type { AdmissionRequest } from './admission-review.ts';
import { controllerOf, namingOwnerOf, needsOwnerForName, referenceTo, type ObjectReference } from './owner.ts';
import { readPod, type PodRead } from './read-pod.ts';

/** What {@link admitPod} needs read from the cluster for one request; the caller fetches it through its ports. */
export interface AdmissionReads {
  /** The WorkloadProfile the pod names, in the pod's namespace. */
  readonly profile?: { readonly namespace: string; readonly name: string };
  /** Whether the GPU pools are needed (every opted-in pod: its pool and the default). */
  readonly pools: boolean;
  /**
   * The pod's owner: to name the workload one level up, and, with `enabled-replicas`, to count slots.
   * `fresh` asks for a read that bypasses any cache, because the slot decision is written back with the
   * resourceVersion it read.
   */
  readonly owner?: { readonly reference: ObjectReference; readonly fresh: boolean };
}

/**
 * The reads an admission needs, decided from the request alone so the handler fetches nothing for pods
 * that are not ours: the named profile, the pools, and the owner when the workload name or the
 * grey-release count depends on it.
 */
export function planReads(request: AdmissionRequest, read: PodRead = readPod(request)): AdmissionReads {
  if (read.kind !== 'pod') return { pools: false };
  const { metadata } = read.pod;
  const annotations = metadata.annotations ?? {};
  const namespace = metadata.namespace ?? '';
  const profileName = annotations[K.workloadProfile];
  const greyRelease = K.enabledReplicas in annotations;
  const owner = greyRelease ? controllerOf(read.pod) : namingOwnerOf(read.pod);
  const ownerNeeded = owner !== undefined && (greyRelease || (!(K.workload in annotations) && needsOwnerForName(owner)));
  return {
    pools: true,
    ...(profileName === undefined || profileName === '' ? {} : { profile: { namespace, name: profileName } }),
    ...(ownerNeeded ? { owner: { reference: referenceTo(owner, namespace), fresh: greyRelease } } : {}),
  };
}
