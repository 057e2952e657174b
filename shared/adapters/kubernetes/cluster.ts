import * as k8s from '@kubernetes/client-node';
import { AppError } from '../../core/errors.ts';
import { formatIssue } from '../../core/model/issue.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { Cluster, ObjectReference, OwnerAnnotationUpdate, OwnerObject, PodSummary } from '../../ports/cluster.ts';
import { formatZodIssues, dotPath } from '../../schemas/format-issues.ts';
import { gpuPoolSchema, type GpuPool } from '../../schemas/gpu-pool.ts';
import { workloadProfileSchema, type WorkloadProfile } from '../../schemas/workload-profile.ts';
import { loadKubeConfig, type ClusterAccess } from './kube-config.ts';
import { orAbsent, translateKubernetesError } from './translate-error.ts';
import { createTtlCache } from './ttl-cache.ts';

/** Options of {@link createKubernetesCluster}. */
export interface KubernetesClusterOptions {
  /** The cluster; the kubeconfig is loaded on first use, so building the adapter does no I/O. */
  readonly access: ClusterAccess;
  /** How long profiles, pools and owners are served from memory (default 5 s). */
  readonly cacheTtlMs?: number;
  readonly clock?: Clock;
  /** Told about a GPUPool left out because it breaks the schema (default: a console warning). */
  readonly onInvalidPool?: (name: string, message: string) => void;
}

const GROUP = { group: 'tensor-fusion.ai', version: 'v1' } as const;
const FIELD_MANAGER = 'vgpu-control-admission';

interface Clients {
  readonly custom: k8s.CustomObjectsApi;
  readonly objects: k8s.KubernetesObjectApi;
  readonly core: k8s.CoreV1Api;
}

async function listPods(core: k8s.CoreV1Api, namespace: string, labelSelector: string | undefined): Promise<PodSummary[]> {
  try {
    const list = await core.listNamespacedPod({ namespace, ...(labelSelector === undefined ? {} : { labelSelector }) });
    return list.items.map((pod) => ({
      name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '', annotations: pod.metadata?.annotations ?? {},
      terminating: pod.metadata?.deletionTimestamp !== undefined,
    }));
  } catch (error) {
    throw translateKubernetesError(error, `list pods in ${namespace}${labelSelector === undefined ? '' : ` (${labelSelector})`}`);
  }
}

function toProfile(content: unknown, name: string): WorkloadProfile {
  const parsed = workloadProfileSchema.safeParse(content, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issues = formatZodIssues(parsed.error.issues, (path) => `WorkloadProfile ${name} ${dotPath(path)}`);
  throw new AppError('INVALID_INPUT', issues.map(formatIssue).join('; '), { details: { issues } });
}

function toOwner(object: k8s.KubernetesObject, reference: ObjectReference): OwnerObject {
  const metadata = object.metadata ?? {};
  return {
    reference,
    resourceVersion: metadata.resourceVersion ?? '',
    annotations: metadata.annotations ?? {},
    ownerReferences: (metadata.ownerReferences ?? []).map((owner) => ({
      apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: owner.controller,
    })),
  };
}

function readPools(list: unknown, warn: (name: string, message: string) => void): GpuPool[] {
  const items = (list as { items?: unknown[] }).items ?? [];
  const pools: GpuPool[] = [];
  for (const item of items) {
    const parsed = gpuPoolSchema.safeParse(item, { reportInput: true });
    if (parsed.success) pools.push(parsed.data);
    else warn(String((item as k8s.KubernetesObject).metadata?.name), formatZodIssues(parsed.error.issues, dotPath).map(formatIssue).join('; '));
  }
  return pools;
}

const ownerKey = (reference: ObjectReference): string => `${reference.apiVersion}/${reference.kind}/${reference.namespace}/${reference.name}`;
type Spec = k8s.KubernetesObject & { metadata: { name: string; namespace: string } };
const specOf = (reference: ObjectReference, metadata: k8s.V1ObjectMeta = {}): Spec =>
  ({ apiVersion: reference.apiVersion, kind: reference.kind, metadata: { ...metadata, name: reference.name, namespace: reference.namespace } });

/**
 * A JSON merge patch of the owner's annotations: `null` removes one (client-node's serializer keeps nulls
 * in maps), and the API server refuses it with 409 when metadata.resourceVersion is no longer current.
 */
async function patchOwnerAnnotations(objects: k8s.KubernetesObjectApi, update: OwnerAnnotationUpdate): Promise<OwnerObject> {
  const { reference } = update;
  try {
    const body = specOf(reference, { resourceVersion: update.resourceVersion, annotations: update.annotations as Record<string, string> });
    return toOwner(await objects.patch(body, undefined, undefined, FIELD_MANAGER, undefined, k8s.PatchStrategy.MergePatch), reference);
  } catch (error) {
    throw translateKubernetesError(error, `annotate ${reference.kind} ${reference.namespace}/${reference.name}`);
  }
}

/**
 * The {@link Cluster} port on the Kubernetes API (client-node). Profiles, pools and owners are cached
 * for `cacheTtlMs` (absent objects are not, so a profile created just before its pods is found); owner
 * annotations are written with a JSON merge patch carrying `metadata.resourceVersion`, which the API
 * server checks, so a concurrent writer makes it fail with 409 → `VERSION_CONFLICT`.
 */
export function createKubernetesCluster(options: KubernetesClusterOptions): Cluster {
  let clients: Clients | undefined;
  const use = (): Clients => {
    if (clients !== undefined) return clients;
    const config = loadKubeConfig(options.access);
    clients = { custom: config.makeApiClient(k8s.CustomObjectsApi), objects: k8s.KubernetesObjectApi.makeApiClient(config), core: config.makeApiClient(k8s.CoreV1Api) };
    return clients;
  };
  const cache = { ttlMs: options.cacheTtlMs ?? 5_000, clock: options.clock ?? systemClock, keep: (value: unknown) => value !== undefined };
  const profiles = createTtlCache<WorkloadProfile | undefined>(cache);
  const pools = createTtlCache<readonly GpuPool[]>(cache);
  const owners = createTtlCache<OwnerObject | undefined>(cache);
  const warn = options.onInvalidPool ?? ((name, message) => console.warn(`GPUPool ${name} left out: ${message}`));
  return {
    getWorkloadProfile: (namespace, name) => profiles.get(`${namespace}/${name}`, async () => {
      const found = await orAbsent(`get WorkloadProfile ${namespace}/${name}`, () =>
        use().custom.getNamespacedCustomObject({ ...GROUP, namespace, plural: 'workloadprofiles', name }) as Promise<unknown>);
      return found === undefined ? undefined : toProfile(found, name);
    }),
    listGpuPools: () => pools.get('all', async () => {
      const list = await orAbsent('list GPUPools', () => use().custom.listClusterCustomObject({ ...GROUP, plural: 'gpupools' }) as Promise<unknown>);
      return list === undefined ? [] : readPools(list, warn);
    }),
    getOwner: (reference, read = {}) => owners.get(ownerKey(reference), async () => {
      const found = await orAbsent(`get ${reference.kind} ${reference.namespace}/${reference.name}`, () => use().objects.read(specOf(reference)));
      return found === undefined ? undefined : toOwner(found, reference);
    }, read.fresh === true),
    updateOwnerAnnotations: async (update: OwnerAnnotationUpdate) => {
      const written = await patchOwnerAnnotations(use().objects, update);
      owners.set(ownerKey(update.reference), written);
      return written;
    },
    listPods: (namespace, labelSelector) => listPods(use().core, namespace, labelSelector),
  };
}
