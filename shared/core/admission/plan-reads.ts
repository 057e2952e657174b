import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import type { WorkloadProfile } from '../../schemas/workload-profile.ts';
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
   * The pod's owner: to name the workload one level up, with `enabled-replicas` to count slots, and with
   * auto-resources on (the controller owner) for the recommendation recorded on it.
   * `fresh` asks for a read that bypasses any cache, because the slot decision is written back with the
   * resourceVersion it read.
   */
  readonly owner?: { readonly reference: ObjectReference; readonly fresh: boolean };
  /**
   * The controller owner, to read once the profile is in only if the profile switches auto-resources on
   * (the pod's annotations leave it to the profile): for the recommendation recorded on it ({@link ownerAfterProfile}).
   */
  readonly ownerIfProfileAutoResources?: ObjectReference;
}

/** Whether auto-resources is on, off, or left to the profile, by the pod's own annotations (`auto-resources` over its alias `autoscale`, as resolution reads them). */
function autoResourcesByAnnotation(annotations: Readonly<Record<string, string>>): 'on' | 'off' | 'profile' {
  const toggle = annotations[K.autoResources] ?? annotations[K.autoscale];
  if (toggle === undefined) return (annotations[K.workloadProfile] ?? '') === '' ? 'off' : 'profile';
  return toggle === 'true' ? 'on' : 'off';
}

/**
 * The reads an admission needs, decided from the request alone so the handler fetches nothing for pods
 * that are not ours: the named profile, the pools, and the owner when the workload name or the
 * grey-release count depends on it, or when auto-resources is on (the recommendation recorded on the
 * controller owner; a dedicated-GPU pod is never resized, so never needs it).
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
  const controller = controllerOf(read.pod);
  const autoResources = controller === undefined || annotations[K.dedicatedGpu] === 'true' ? 'off' : autoResourcesByAnnotation(annotations);
  const recordOwner = ownerNeeded || controller === undefined || autoResources === 'off' ? undefined : referenceTo(controller, namespace);
  return {
    pools: true,
    ...(profileName === undefined || profileName === '' ? {} : { profile: { namespace, name: profileName } }),
    ...(ownerNeeded ? { owner: { reference: referenceTo(owner, namespace), fresh: greyRelease } } : {}),
    ...(recordOwner !== undefined && autoResources === 'on' ? { owner: { reference: recordOwner, fresh: false } } : {}),
    ...(recordOwner !== undefined && autoResources === 'profile' ? { ownerIfProfileAutoResources: recordOwner } : {}),
  };
}

/**
 * The owner to read after the profile came in: the controller owner when the pod leaves auto-resources
 * to its profile and the profile switches it on; otherwise nothing more is read.
 */
export function ownerAfterProfile(reads: AdmissionReads, profile: WorkloadProfile | undefined): ObjectReference | undefined {
  return profile?.spec.autoScalingConfig?.autoSetResources?.enable === true ? reads.ownerIfProfileAutoResources : undefined;
}
