// The Workloads port in memory, for unit tests of handlers: pods by namespace and name, merge-patched
// annotations, and scale subresources with resourceVersion checks, as the Kubernetes adapter behaves.
import { AppError } from '../../core/errors.ts';
import type { ObjectReference } from '../../ports/cluster.ts';
import type { Scale, WorkloadPod, Workloads } from '../../ports/workloads.ts';
import { frozen } from './frozen.ts';

/** The port plus what a test arranges and inspects. */
export interface MemoryWorkloads extends Workloads {
  putPod(pod: WorkloadPod): void;
  /** The pod as stored now. */
  pod(namespace: string, name: string): WorkloadPod | undefined;
  putScale(reference: ObjectReference, replicas: number): void;
  /** Every annotation patch, in order. */
  readonly patches: { namespace: string; name: string; annotations: Readonly<Record<string, string | null>> }[];
  /** Set to make the next calls of a method fail with this error. */
  failWith: Partial<Record<keyof Workloads, AppError>>;
}

const scaleKey = (reference: ObjectReference): string => `${reference.kind}/${reference.namespace}/${reference.name}`;

function merged(current: Readonly<Record<string, string>> | undefined, change: Readonly<Record<string, string | null>>): Record<string, string> {
  return Object.fromEntries(Object.entries({ ...current, ...change }).filter((entry): entry is [string, string] => entry[1] !== null));
}

/** An in-memory {@link Workloads}; pods are stored deep-frozen and handed out as stored (read-only), like a cache hit. */
export function createMemoryWorkloads(): MemoryWorkloads {
  const pods = new Map<string, WorkloadPod>();
  const scales = new Map<string, Scale>();
  const failing = (method: keyof Workloads): void => {
    const error = memory.failWith[method];
    if (error !== undefined) throw error;
  };
  const memory: MemoryWorkloads = {
    patches: [],
    failWith: {},
    putPod: (pod) => pods.set(`${pod.pod.metadata.namespace}/${pod.pod.metadata.name}`, frozen(pod)),
    pod: (namespace, name) => pods.get(`${namespace}/${name}`),
    putScale: (reference, replicas) => scales.set(scaleKey(reference), { reference, replicas, resourceVersion: '1' }),
    getPod: async (namespace, name) => {
      failing('getPod');
      return pods.get(`${namespace}/${name}`);
    },
    listPods: async (namespace, labels) => {
      failing('listPods');
      return [...pods.values()].filter((pod) => pod.pod.metadata.namespace === namespace
        && Object.entries(labels).every(([key, value]) => pod.pod.metadata.labels?.[key] === value));
    },
    patchPodAnnotations: async (namespace, name, annotations) => {
      failing('patchPodAnnotations');
      const pod = pods.get(`${namespace}/${name}`);
      if (pod === undefined) throw new AppError('NOT_FOUND', `annotate Pod ${namespace}/${name}: not found`);
      memory.patches.push({ namespace, name, annotations: { ...annotations } });
      pods.set(`${namespace}/${name}`, frozen({ ...pod, pod: { ...pod.pod, metadata: { ...pod.pod.metadata, annotations: merged(pod.pod.metadata.annotations, annotations) } } }));
    },
    getScale: async (reference) => {
      failing('getScale');
      return scales.get(scaleKey(reference));
    },
    setScale: async (scale) => {
      failing('setScale');
      const current = scales.get(scaleKey(scale.reference));
      if (current === undefined) throw new AppError('NOT_FOUND', `scale ${scaleKey(scale.reference)}: not found`);
      if (current.resourceVersion !== scale.resourceVersion) throw new AppError('VERSION_CONFLICT', `scale ${scaleKey(scale.reference)}: the object has been modified`);
      const written = { ...scale, resourceVersion: String(Number(current.resourceVersion) + 1) };
      scales.set(scaleKey(scale.reference), written);
      return written;
    },
  };
  return memory;
}
