// The PodBinder port on the Kubernetes API: read the pod, plan the binding with the core, write it as a
// JSON merge patch carrying metadata.resourceVersion (the API server answers 409 when the pod changed in
// between: re-read and re-plan). The merge patch replaces the gate list and the node selector terms whole,
// which is what the plan computed from the version it read.
import * as k8s from '@kubernetes/client-node';
import { planBinding, type BindablePod } from '../../core/binding/bind-pod-patch.ts';
import { AppError, hasErrorCode } from '../../core/errors.ts';
import type { BindOutcome, PodBinder, PodBinding, PodIdentity } from '../../ports/pod-binder.ts';
import type { NodeObject, PodObject } from '../../schemas/events/kube-objects.ts';
import { loadKubeConfig, type ClusterAccess } from './kube-config.ts';
import { orAbsent, translateKubernetesError } from './translate-error.ts';

const FIELD_MANAGER = 'vgpu-control-allocator';
const MAX_ATTEMPTS = 5;

type KubePod = k8s.KubernetesObject & BindablePod & { metadata: { resourceVersion?: string; uid?: string } };
type Spec = k8s.KubernetesObject & { metadata: { name: string; namespace: string } };
const podSpec = (pod: PodIdentity, metadata: k8s.V1ObjectMeta = {}): Spec =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { ...metadata, name: pod.name, namespace: pod.namespace } });

/** The pod with that uid, or `undefined` when it is gone (or re-created under its name). */
async function readPod(objects: k8s.KubernetesObjectApi, pod: PodIdentity): Promise<KubePod | undefined> {
  const found = (await orAbsent(`get pod ${pod.namespace}/${pod.name}`, () => objects.read(podSpec(pod)))) as KubePod | undefined;
  return found?.metadata.uid === pod.uid ? { ...found, spec: found.spec ?? {} } : undefined;
}

/** The Node, or `undefined` when there is none. */
async function readNode(objects: k8s.KubernetesObjectApi, name: string): Promise<NodeObject | undefined> {
  const found = await orAbsent(`get node ${name}`, () => objects.read({ apiVersion: 'v1', kind: 'Node', metadata: { name } }));
  return found === undefined ? undefined : JSON.parse(JSON.stringify(found)) as NodeObject;
}

async function bindOnce(objects: k8s.KubernetesObjectApi, binding: PodBinding): Promise<BindOutcome> {
  const pod = await readPod(objects, binding);
  if (pod === undefined) throw new AppError('NOT_FOUND', `bind pod ${binding.namespace}/${binding.name}: the pod (uid ${binding.uid}) is gone`);
  const plan = planBinding(pod, binding);
  if (plan.kind !== 'patch') return plan.kind;
  const body = {
    ...podSpec(binding, { resourceVersion: pod.metadata.resourceVersion ?? '', annotations: { ...plan.annotations } }),
    spec: {
      schedulingGates: plan.schedulingGates,
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: plan.nodeSelectorTerms } } },
    },
  };
  try {
    await objects.patch(body, undefined, undefined, FIELD_MANAGER, undefined, k8s.PatchStrategy.MergePatch);
    return 'bound';
  } catch (error) {
    throw translateKubernetesError(error, `bind pod ${binding.namespace}/${binding.name} to ${binding.node}`);
  }
}

/** The {@link PodBinder} on the Kubernetes API (client-node); the kubeconfig is loaded on first use. */
export function createKubernetesPodBinder(options: { readonly access: ClusterAccess }): PodBinder {
  let objects: k8s.KubernetesObjectApi | undefined;
  const use = (): k8s.KubernetesObjectApi => (objects ??= k8s.KubernetesObjectApi.makeApiClient(loadKubeConfig(options.access)));
  return {
    async bindPod(binding) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await bindOnce(use(), binding);
        } catch (error) {
          if (!hasErrorCode(error, 'VERSION_CONFLICT') || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    },
    podExists: async (pod) => (await readPod(use(), pod)) !== undefined,
    getPod: async (pod) => {
      const found = await readPod(use(), pod);
      return found === undefined ? undefined : (JSON.parse(JSON.stringify(found)) as PodObject);
    },
    getNode: (name) => readNode(use(), name),
  };
}
