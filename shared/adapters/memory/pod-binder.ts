// The PodBinder port in memory, for unit tests of the allocator: pods as plain objects, binding planned
// by the same core function the Kubernetes adapter uses, and a way to make the next binds fail. Pods and
// Nodes are stored frozen and handed out as stored, so a read copies nothing and no caller can change them.
import { planBinding, type BindablePod } from '../../core/binding/bind-pod-patch.ts';
import { AppError } from '../../core/errors.ts';
import type { BindOutcome, PodBinder, PodBinding, PodIdentity } from '../../ports/pod-binder.ts';
import type { NodeObject } from '../../schemas/events/kube-objects.ts';
import { frozen } from './frozen.ts';

/** A pod as the memory binder stores it. */
export interface MemoryPod extends BindablePod {
  readonly metadata: { readonly name: string; readonly namespace: string; readonly uid: string; readonly annotations?: Readonly<Record<string, string>> };
}

/** The port plus what a test arranges and inspects. */
export interface MemoryPodBinder extends PodBinder {
  putPod(pod: MemoryPod): void;
  deletePod(namespace: string, name: string): void;
  /** Add or replace a Node that `getNode` returns. */
  putNode(node: NodeObject): void;
  pod(namespace: string, name: string): MemoryPod | undefined;
  /** Make the next `count` binds fail with `error` (before they change anything). */
  failBinds(error: AppError, count?: number): void;
  /** Binds that changed a pod. */
  readonly bound: PodBinding[];
}

const keyOf = (namespace: string, name: string): string => `${namespace}/${name}`;

/** An in-memory {@link PodBinder}. */
export function createMemoryPodBinder(pods: readonly MemoryPod[] = []): MemoryPodBinder {
  const store = new Map<string, MemoryPod>();
  const failures: AppError[] = [];
  const nodes = new Map<string, NodeObject>();
  const find = (pod: PodIdentity): MemoryPod | undefined => {
    const found = store.get(keyOf(pod.namespace, pod.name));
    return found?.metadata.uid === pod.uid ? found : undefined;
  };
  const binder: MemoryPodBinder = {
    bound: [],
    putPod: (pod) => store.set(keyOf(pod.metadata.namespace, pod.metadata.name), frozen(pod)),
    deletePod: (namespace, name) => store.delete(keyOf(namespace, name)),
    putNode: (node) => nodes.set(node.metadata.name, frozen(node)),
    pod: (namespace, name) => store.get(keyOf(namespace, name)),
    failBinds: (error, count = 1) => failures.push(...Array.from({ length: count }, () => error)),
    bindPod: (binding): Promise<BindOutcome> => {
      const failure = failures.shift();
      if (failure !== undefined) return Promise.reject(failure);
      const pod = find(binding);
      if (pod === undefined) return Promise.reject(new AppError('NOT_FOUND', `bind pod ${binding.namespace}/${binding.name}: not found`));
      const plan = planBinding(pod, binding);
      if (plan.kind !== 'patch') return Promise.resolve(plan.kind);
      store.set(keyOf(binding.namespace, binding.name), frozen({
        metadata: { ...pod.metadata, annotations: { ...pod.metadata.annotations, ...plan.annotations } },
        spec: { ...pod.spec, schedulingGates: plan.schedulingGates, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: plan.nodeSelectorTerms } } } },
      }));
      binder.bound.push(binding);
      return Promise.resolve('bound');
    },
    podExists: (pod) => Promise.resolve(find(pod) !== undefined),
    getPod: (pod) => {
      const found = find(pod);
      return Promise.resolve(found === undefined ? undefined : { ...found, metadata: { resourceVersion: '1', ...found.metadata } });
    },
    getNode: (name) => Promise.resolve(nodes.get(name)),
  };
  for (const pod of pods) binder.putPod(pod);
  return binder;
}
