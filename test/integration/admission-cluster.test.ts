// The Cluster port's contract against the REAL kube-apiserver of the local stack, through the Kubernetes
// adapter (client-node): profiles and pools from the CRDs, ReplicaSets as owners, resourceVersion-checked
// merge patches, pods listed by label. The same suite runs against the in-memory adapter in shared/adapters/memory/cluster.test.ts.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, inject } from 'vitest';
import { createKubernetesCluster } from '../../shared/adapters/kubernetes/cluster.ts';
import { clusterContract } from '../fixtures/admission/cluster-contract.ts';
import { applyCrd, applyObjects, createNamespace } from '../fixtures/admission/kube.ts';
import { defaultPool, seedProfile } from '../fixtures/admission/reviews.ts';

const RUN = `${process.pid}-${Date.now().toString(36)}`;
const stack = inject('stack').kubernetes;
const config = new k8s.KubeConfig();
config.loadFromFile(stack.kubeconfig);
const core = config.makeApiClient(k8s.CoreV1Api);
const apps = config.makeApiClient(k8s.AppsV1Api);
const namespaces: string[] = [];
const heldPods: { name: string; namespace: string }[] = [];
const FINALIZER = 'vgpu.test/hold';

beforeAll(async () => {
  await applyCrd(config, 'infra/crds/workloadprofiles.tensor-fusion.ai.yaml');
  await applyCrd(config, 'infra/crds/gpupools.tensor-fusion.ai.yaml');
}, 60_000);

afterAll(async () => {
  for (const { name, namespace } of heldPods) {
    await core.patchNamespacedPod({ name, namespace, body: [{ op: 'remove', path: '/metadata/finalizers' }] }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch)).catch(() => undefined);
    await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }).catch(() => undefined);
  }
  for (const name of namespaces) await core.deleteNamespace({ name }).catch(() => undefined);
});

clusterContract('kubernetes', async () => {
  const namespace = `cluster-${RUN}-${namespaces.length + 1}`.toLowerCase();
  namespaces.push(namespace);
  await createNamespace(core, namespace, { 'vgpu-contract': RUN });
  return {
    cluster: createKubernetesCluster({ access: { kind: 'kubeconfig-file', path: stack.kubeconfig }, cacheTtlMs: 60_000 }),
    namespace,
    putProfile: (profile) => applyObjects(config, [{ apiVersion: 'tensor-fusion.ai/v1', kind: 'WorkloadProfile', metadata: { name: profile.metadata.name, namespace }, spec: { resources: { requests: { tflops: '5', vram: '3Gi' } } } } as k8s.KubernetesObject]),
    putPool: (pool) => applyObjects(config, [{ apiVersion: 'tensor-fusion.ai/v1', kind: 'GPUPool', metadata: { name: pool.metadata.name }, spec: { isDefault: true } } as k8s.KubernetesObject]),
    putReplicaSet: async (name, annotations) => {
      const labels = { app: name };
      await apps.createNamespacedReplicaSet({ namespace, body: { metadata: { name, annotations }, spec: { replicas: 0, selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] } } } } });
      return { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace, name };
    },
    putPod: async (name, { labels, annotations, terminating = false }) => {
      // Never scheduled (no node has the label); a finalizer keeps a terminating pod listed until cleanup removes it.
      await core.createNamespacedPod({ namespace, body: { metadata: { name, labels, annotations, ...(terminating ? { finalizers: [FINALIZER] } : {}) },
        spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }], nodeSelector: { 'vgpu.test/never': 'true' } } } });
      if (terminating) await core.deleteNamespacedPod({ name, namespace });
      heldPods.push({ name, namespace });
    },
  };
}, { profile: seedProfile, pool: () => defaultPool() });
