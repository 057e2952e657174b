// The Workloads contract against the Kubernetes adapter on the stack's kube-apiserver: one namespace per case.
import * as k8s from '@kubernetes/client-node';
import { afterAll, inject } from 'vitest';
import { createKubernetesWorkloads } from '../../shared/adapters/kubernetes/workloads.ts';
import { workloadsContract } from '../contracts/workloads.contract.ts';
import { createNamespace } from '../fixtures/admission/kube.ts';
import { uniqueName } from '../fixtures/handlers/harness.ts';

const stack = inject('stack');
const config = new k8s.KubeConfig();
config.loadFromFile(stack.kubernetes.kubeconfig);
const core = config.makeApiClient(k8s.CoreV1Api);
const apps = config.makeApiClient(k8s.AppsV1Api);
const namespaces: string[] = [];

afterAll(async () => {
  for (const namespace of namespaces) {
    for (const deployment of (await apps.listNamespacedDeployment({ namespace })).items) {
      await apps.deleteNamespacedDeployment({ name: deployment.metadata?.name ?? '', namespace, gracePeriodSeconds: 0 }).catch(() => undefined);
    }
    for (const pod of (await core.listNamespacedPod({ namespace })).items) {
      await core.deleteNamespacedPod({ name: pod.metadata?.name ?? '', namespace, gracePeriodSeconds: 0 }).catch(() => undefined);
    }
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  }
}, 60_000);

workloadsContract('kubernetes', async () => {
  const namespace = uniqueName('workloads-it');
  namespaces.push(namespace);
  await createNamespace(core, namespace, { 'vgpu.test/run': namespace });
  const spec = { containers: [{ name: 'main', image: 'pause' }], terminationGracePeriodSeconds: 0 };
  return {
    workloads: createKubernetesWorkloads({ access: { kind: 'kubeconfig-file', path: stack.kubernetes.kubeconfig } }),
    namespace,
    createPod: async (name, { labels, annotations }) => {
      await core.createNamespacedPod({ namespace, body: { metadata: { name, labels, annotations }, spec } });
    },
    createDeployment: async (name, replicas) => {
      await apps.createNamespacedDeployment({ namespace, body: { metadata: { name }, spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } } } });
      return { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name };
    },
  };
});
