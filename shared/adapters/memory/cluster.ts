// The Cluster port in memory, for unit tests of handlers: the Kubernetes adapter's semantics
// (absent objects are undefined, owner annotation writes are conditional on resourceVersion, `null`
// removes an annotation) without an API server.
import { AppError } from '../../core/errors.ts';
import type { Cluster, ObjectReference, OwnerAnnotationUpdate, OwnerObject, PodSummary } from '../../ports/cluster.ts';
import type { GpuPool } from '../../schemas/gpu-pool.ts';
import type { WorkloadProfile } from '../../schemas/workload-profile.ts';
import { frozen } from './frozen.ts';

/** What the in-memory cluster starts with. */
export interface MemoryClusterSeed {
  readonly profiles?: readonly WorkloadProfile[];
  readonly pools?: readonly GpuPool[];
  readonly owners?: readonly OwnerObject[];
  readonly pods?: readonly MemoryPod[];
}

/** A pod in the in-memory cluster: its summary plus where it lives and its labels. */
export interface MemoryPod extends PodSummary {
  readonly namespace: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** The port plus what a test needs to arrange and inspect the cluster. */
export interface MemoryCluster extends Cluster {
  putProfile(profile: WorkloadProfile): void;
  putPool(pool: GpuPool): void;
  /** Store an owner as given (its resourceVersion included). */
  putOwner(owner: OwnerObject): void;
  /** Store a pod (replacing one of the same namespace and name); {@link MemoryCluster.removePod} takes it away. */
  putPod(pod: MemoryPod): void;
  removePod(namespace: string, name: string): void;
  /** The owner as stored now. */
  owner(reference: ObjectReference): OwnerObject | undefined;
  /** How many times each port method was called, for cache and retry tests. */
  readonly calls: Readonly<Record<keyof Cluster, number>>;
}

const ownerKey = (reference: ObjectReference): string => `${reference.kind}/${reference.namespace}/${reference.name}`;

function applyAnnotations(current: Readonly<Record<string, string>>, change: Readonly<Record<string, string | null>>): Record<string, string> {
  const merged = Object.entries({ ...current, ...change });
  return Object.fromEntries(merged.filter((entry): entry is [string, string] => entry[1] !== null));
}

/** The owner after `update`, as the API server would write it, or the error it would answer. */
function annotated(current: OwnerObject | undefined, update: OwnerAnnotationUpdate): OwnerObject {
  const name = `${update.reference.kind} ${update.reference.namespace}/${update.reference.name}`;
  if (current === undefined) throw new AppError('NOT_FOUND', `annotate ${name}: not found`);
  if (current.resourceVersion !== update.resourceVersion) {
    throw new AppError('VERSION_CONFLICT', `annotate ${name}: the object has been modified (resourceVersion ${current.resourceVersion}, expected ${update.resourceVersion})`);
  }
  return frozen({ ...current, annotations: applyAnnotations(current.annotations, update.annotations), resourceVersion: String(Number(current.resourceVersion) + 1) });
}

/** An in-memory {@link Cluster}; objects are stored deep-frozen and handed out as stored (read-only), like a cache hit. */
export function createMemoryCluster(seed: MemoryClusterSeed = {}): MemoryCluster {
  const profiles = new Map<string, WorkloadProfile>();
  const pools = new Map<string, GpuPool>();
  const owners = new Map<string, OwnerObject>();
  const calls = { getWorkloadProfile: 0, listGpuPools: 0, getOwner: 0, updateOwnerAnnotations: 0, listPods: 0 };
  const pods = new Map<string, MemoryPod>();
  const cluster: MemoryCluster = {
    calls,
    putProfile: (profile) => profiles.set(`${profile.metadata.namespace ?? ''}/${profile.metadata.name}`, frozen(profile)),
    putPool: (pool) => pools.set(pool.metadata.name, frozen(pool)),
    putOwner: (owner) => owners.set(ownerKey(owner.reference), frozen(owner)),
    owner: (reference) => owners.get(ownerKey(reference)),
    putPod: (pod) => pods.set(`${pod.namespace}/${pod.name}`, frozen(pod)),
    removePod: (namespace, name) => pods.delete(`${namespace}/${name}`),
    listPods: (namespace, labelSelector) => {
      calls.listPods++;
      const [label, value] = labelSelector?.split('=') ?? [];
      const matches = (pod: MemoryPod): boolean => pod.namespace === namespace && (label === undefined || pod.labels?.[label] === value);
      return Promise.resolve([...pods.values()].filter(matches).map(({ name, uid, annotations, terminating }) => ({ name, uid, annotations, terminating })));
    },
    getWorkloadProfile: (namespace, name) => {
      calls.getWorkloadProfile++;
      return Promise.resolve(profiles.get(`${namespace}/${name}`));
    },
    listGpuPools: () => {
      calls.listGpuPools++;
      return Promise.resolve([...pools.values()]);
    },
    getOwner: (reference) => {
      calls.getOwner++;
      return Promise.resolve(owners.get(ownerKey(reference)));
    },
    updateOwnerAnnotations: (update: OwnerAnnotationUpdate) => {
      calls.updateOwnerAnnotations++;
      try {
        const written = annotated(owners.get(ownerKey(update.reference)), update);
        owners.set(ownerKey(update.reference), written);
        return Promise.resolve(written);
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
  };
  for (const profile of seed.profiles ?? []) cluster.putProfile(profile);
  for (const pool of seed.pools ?? []) cluster.putPool(pool);
  for (const owner of seed.owners ?? []) cluster.putOwner(owner);
  for (const pod of seed.pods ?? []) cluster.putPod(pod);
  return cluster;
}
