import * as k8s from '@kubernetes/client-node';
import { systemClock } from '../../ports/clock.ts';
import type { ObjectReference } from '../../ports/cluster.ts';
import type { Scale, WorkloadPod, Workloads } from '../../ports/workloads.ts';
import { podSchema } from '../../schemas/pod.ts';
import { loadKubeConfig, type ClusterAccess } from './kube-config.ts';
import { podReadiness } from './pod-readiness.ts';
import { orAbsent, translateKubernetesError } from './translate-error.ts';
import { createTtlCache } from './ttl-cache.ts';

/** Options of {@link createKubernetesWorkloads}. */
export interface KubernetesWorkloadsOptions {
  readonly access: ClusterAccess;
}

/** How long a pod read is served from memory; a patch updates the cached copy. */
const POD_CACHE_TTL_MS = 2_000;

const FIELD_MANAGER = 'vgpu-control-autoscaler';

interface Clients {
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
  readonly objects: k8s.KubernetesObjectApi;
}

function toWorkloadPod(object: k8s.V1Pod): WorkloadPod {
  const created = object.metadata?.creationTimestamp;
  return {
    pod: podSchema.parse(JSON.parse(JSON.stringify(object))), uid: object.metadata?.uid ?? '',
    createdMs: created === undefined ? 0 : new Date(created).getTime(), readiness: podReadiness(object),
  };
}

async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateKubernetesError(error, operation);
  }
}

const toScale = (reference: ObjectReference, scale: k8s.V1Scale): Scale =>
  ({ reference, replicas: scale.spec?.replicas ?? 0, resourceVersion: scale.metadata?.resourceVersion ?? '' });

async function readScale(apps: k8s.AppsV1Api, reference: ObjectReference): Promise<k8s.V1Scale> {
  const { name, namespace } = reference;
  return reference.kind === 'StatefulSet' ? apps.readNamespacedStatefulSetScale({ name, namespace }) : apps.readNamespacedDeploymentScale({ name, namespace });
}

async function writeScale(apps: k8s.AppsV1Api, scale: Scale): Promise<k8s.V1Scale> {
  const { name, namespace, kind } = scale.reference;
  const body: k8s.V1Scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name, namespace, resourceVersion: scale.resourceVersion }, spec: { replicas: scale.replicas } };
  const request = { name, namespace, body, fieldManager: FIELD_MANAGER };
  return kind === 'StatefulSet' ? apps.replaceNamespacedStatefulSetScale(request) : apps.replaceNamespacedDeploymentScale(request);
}

/**
 * The {@link Workloads} port on the Kubernetes API. Pods are cached briefly (the metrics of one node
 * arrive every interval) and a patch updates the cached copy; annotations are a JSON merge patch; the
 * scale is written with its resourceVersion, so a concurrent change answers 409 → `VERSION_CONFLICT`.
 */
export function createKubernetesWorkloads(options: KubernetesWorkloadsOptions): Workloads {
  let clients: Clients | undefined;
  const use = (): Clients => {
    if (clients !== undefined) return clients;
    const config = loadKubeConfig(options.access);
    clients = { core: config.makeApiClient(k8s.CoreV1Api), apps: config.makeApiClient(k8s.AppsV1Api), objects: k8s.KubernetesObjectApi.makeApiClient(config) };
    return clients;
  };
  const pods = createTtlCache<WorkloadPod | undefined>({ ttlMs: POD_CACHE_TTL_MS, clock: systemClock, keep: (pod) => pod !== undefined });
  return {
    getPod: (namespace, name) => pods.get(`${namespace}/${name}`, async () => {
      const found = await orAbsent(`get Pod ${namespace}/${name}`, () => use().core.readNamespacedPod({ name, namespace }));
      return found === undefined ? undefined : toWorkloadPod(found);
    }),
    listPods: async (namespace, labels) => {
      const labelSelector = Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(',');
      const list = await call(`list Pods in ${namespace}`, () => use().core.listNamespacedPod({ namespace, labelSelector }));
      return list.items.map(toWorkloadPod);
    },
    patchPodAnnotations: async (namespace, name, annotations) => {
      const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, annotations: annotations as Record<string, string> } };
      const written = await call(`annotate Pod ${namespace}/${name}`, () =>
        use().objects.patch(body, undefined, undefined, FIELD_MANAGER, undefined, k8s.PatchStrategy.MergePatch));
      pods.set(`${namespace}/${name}`, toWorkloadPod(written as k8s.V1Pod));
    },
    getScale: async (reference) => {
      const found = await orAbsent(`get scale of ${reference.kind} ${reference.namespace}/${reference.name}`, () => readScale(use().apps, reference));
      return found === undefined ? undefined : toScale(reference, found);
    },
    setScale: async (scale) => toScale(scale.reference, await call(`scale ${scale.reference.kind} ${scale.reference.namespace}/${scale.reference.name}`, () => writeScale(use().apps, scale))),
  };
}
