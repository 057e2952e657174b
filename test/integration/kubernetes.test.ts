// Against the REAL local control plane of the stack (etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler built from the Go module proxy by infra/local/kubernetes), started by the integration
// project's global setup (or `npm run stack -- up`) and read with inject('stack').
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as k8s from '@kubernetes/client-node';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { GPU_RESOURCE, registerGpuNodes } from '../../infra/local/kubernetes/nodes.ts';
import { waitUntil } from '../../infra/local/processes.ts';
import { loadKubeConfig } from '../../shared/adapters/kubernetes/kube-config.ts';

// A namespace of its own per run: the stack is shared with other suites and may be reused between runs.
const NAMESPACE = `k8s-it-${process.pid}-${Date.now()}`;
const RUN = `${process.pid}-${Date.now() % 100_000}`;
const SUITE_LABEL = { 'vgpu.test/run': RUN };
const GPU_NODES = [
  { name: `gpu-a100-${RUN}`, gpus: 8, model: 'A100', labels: { 'tensor-fusion.ai/pool': 'default-pool', ...SUITE_LABEL } },
  { name: `gpu-h100-${RUN}`, gpus: 4, model: 'H100', labels: { ...SUITE_LABEL } },
];
const WORKLOAD_PROFILES = { group: 'tensor-fusion.ai', version: 'v1', namespace: NAMESPACE, plural: 'workloadprofiles' };
const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
const jsonPatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch);
const apply = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply);

/** Events seen by a watch, as `TYPE name`, and a way to stop it. */
interface Watching {
  readonly events: string[];
  until(event: string): Promise<void>;
  stop(): void;
}

/**
 * Open a watch, retrying while the API server refuses it: right after a CRD turns Established its
 * watch cache is still initialising and a watch gets 429 Too Many Requests for a moment.
 */
async function watch(config: k8s.KubeConfig, options: { path: string; labelSelector?: string }): Promise<Watching> {
  const events: string[] = [];
  const query = options.labelSelector === undefined ? {} : { labelSelector: options.labelSelector };
  const controllers: AbortController[] = [];
  await waitUntil(`a watch on ${options.path}`, async () => {
    let refused = false;
    controllers.push(await new k8s.Watch(config).watch(options.path, query,
      (type: string, object: k8s.KubernetesObject) => events.push(`${type} ${object.metadata?.name ?? ''}`),
      (error: unknown) => { refused ||= error !== null && error !== undefined; }));
    return !refused;
  }, 30_000);
  return {
    events,
    until: (event) => waitUntil(`watch event ${event} on ${options.path}`, () => Promise.resolve(events.includes(event)), 30_000),
    stop: () => controllers.forEach((controller) => controller.abort()),
  };
}

describe('Integration: kube-apiserver', () => {
  const stack = inject('stack').kubernetes;
  let config: k8s.KubeConfig;
  let core: k8s.CoreV1Api;

  beforeAll(async () => {
    config = loadKubeConfig({ kind: 'kubeconfig-file', path: stack.kubeconfig });
    core = config.makeApiClient(k8s.CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: NAMESPACE } } });
    await waitUntil(`service account default in ${NAMESPACE}`, async () =>
      (await core.listNamespacedServiceAccount({ namespace: NAMESPACE })).items.some((account) => account.metadata?.name === 'default'), 30_000);
    await registerGpuNodes(stack.kubeconfig, GPU_NODES);
  }, 60_000);

  it('serves the pinned Kubernetes version to the admin kubeconfig', async () => {
    const version = await config.makeApiClient(k8s.VersionApi).getCode();
    expect(version.gitVersion).toBe(stack.version);
    expect(stack.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('creates, patches (merge, JSON, server-side apply) and watches a pod', async () => {
    const watching = await watch(config, { path: `/api/v1/namespaces/${NAMESPACE}/pods`, labelSelector: 'test=pod-watch' });
    try {
      await core.createNamespacedPod({ namespace: NAMESPACE, body: pod('watched', { test: 'pod-watch' }) });
      await watching.until('ADDED watched');
      await core.patchNamespacedPod({ name: 'watched', namespace: NAMESPACE, body: { metadata: { labels: { merged: 'yes' } } } }, merge);
      await core.patchNamespacedPod({ name: 'watched', namespace: NAMESPACE,
        body: [{ op: 'add', path: '/metadata/annotations', value: { 'json-patched': 'yes' } }] }, jsonPatch);
      await core.patchNamespacedPod({ name: 'watched', namespace: NAMESPACE, fieldManager: 'vitest', force: true,
        body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'watched', namespace: NAMESPACE, annotations: { applied: 'yes' } } } }, apply);
      const read = await core.readNamespacedPod({ name: 'watched', namespace: NAMESPACE });
      expect(read.metadata?.labels).toMatchObject({ test: 'pod-watch', merged: 'yes' });
      expect(read.metadata?.annotations).toMatchObject({ 'json-patched': 'yes', applied: 'yes' });
      expect(read.metadata?.managedFields?.map((entry) => entry.manager)).toContain('vitest');
      await watching.until('MODIFIED watched');
      await core.deleteNamespacedPod({ name: 'watched', namespace: NAMESPACE, gracePeriodSeconds: 0 });
      await watching.until('DELETED watched');
      expect(watching.events.slice(0, 2)).toEqual(['ADDED watched', 'MODIFIED watched']);
    } finally {
      watching.stop();
    }
  });

  it('applies the WorkloadProfile CRD and creates, patches and watches a WorkloadProfile', async () => {
    await applyCrd(config, 'infra/crds/workloadprofiles.tensor-fusion.ai.yaml');
    const custom = config.makeApiClient(k8s.CustomObjectsApi);
    const profile = parse(await readFile('examples/seed-profile.yaml', 'utf8')) as k8s.KubernetesObject;
    profile.metadata = { ...profile.metadata, namespace: NAMESPACE };
    const name = profile.metadata.name ?? '';
    const watching = await watch(config, { path: `/apis/tensor-fusion.ai/v1/namespaces/${NAMESPACE}/workloadprofiles` });
    try {
      await custom.createNamespacedCustomObject({ ...WORKLOAD_PROFILES, body: profile });
      await custom.patchNamespacedCustomObject({ ...WORKLOAD_PROFILES, name, body: { spec: { qos: 'high' } } }, merge);
      await custom.patchNamespacedCustomObject({ ...WORKLOAD_PROFILES, name,
        body: [{ op: 'replace', path: '/spec/replicas', value: 2 }] }, jsonPatch);
      const read = await custom.getNamespacedCustomObject({ ...WORKLOAD_PROFILES, name }) as { spec: Record<string, unknown> };
      expect(read.spec).toMatchObject({ qos: 'high', replicas: 2, poolName: 'default-pool' });
      await watching.until(`MODIFIED ${name}`);
      await custom.deleteNamespacedCustomObject({ ...WORKLOAD_PROFILES, name });
      await watching.until(`DELETED ${name}`);
      expect(watching.events[0]).toBe(`ADDED ${name}`);
    } finally {
      watching.stop();
    }
  });

  it('rejects a WorkloadProfile that breaks the CRD schema', async () => {
    const custom = config.makeApiClient(k8s.CustomObjectsApi);
    const body = { apiVersion: 'tensor-fusion.ai/v1', kind: 'WorkloadProfile', metadata: { name: 'bad-qos' }, spec: { qos: 'urgent' } };
    await expect(custom.createNamespacedCustomObject({ ...WORKLOAD_PROFILES, body })).rejects.toMatchObject({ code: 422 });
  });

  it('turns a Deployment into a ReplicaSet and pods through the controller-manager', async () => {
    const apps = config.makeApiClient(k8s.AppsV1Api);
    const labels = { app: 'deployed' };
    await apps.createNamespacedDeployment({ namespace: NAMESPACE, body: {
      metadata: { name: 'deployed' },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: pod('unused', labels).spec ?? { containers: [] } } },
    } });
    await waitUntil('2 pods of deployment deployed', async () =>
      (await core.listNamespacedPod({ namespace: NAMESPACE, labelSelector: 'app=deployed' })).items.length === 2, 60_000);
    const replicaSets = await apps.listNamespacedReplicaSet({ namespace: NAMESPACE, labelSelector: 'app=deployed' });
    expect(replicaSets.items).toHaveLength(1);
    expect(replicaSets.items[0]?.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'deployed' });
  });

  it('lists the registered GPU nodes, Ready, with their nvidia.com/gpu capacity', async () => {
    const nodes = await core.listNode({});
    const byName = new Map(nodes.items.map((node) => [node.metadata?.name, node]));
    for (const expected of GPU_NODES) {
      const node = byName.get(expected.name);
      expect(node?.status?.capacity?.[GPU_RESOURCE]).toBe(String(expected.gpus));
      expect(node?.status?.allocatable?.[GPU_RESOURCE]).toBe(String(expected.gpus));
      expect(node?.metadata?.labels?.['nvidia.com/gpu.product']).toBe(expected.model);
      expect(node?.status?.conditions?.find((condition) => condition.type === 'Ready')?.status).toBe('True');
    }
    expect(byName.get(`gpu-a100-${RUN}`)?.metadata?.labels?.['tensor-fusion.ai/pool']).toBe('default-pool');
  });

  it('schedules a pod that asks for nvidia.com/gpu onto a GPU node that has enough', async () => {
    const body = pod('wants-gpus', { test: 'scheduling' });
    const container = body.spec?.containers[0];
    if (container !== undefined) container.resources = { limits: { [GPU_RESOURCE]: '6' } };
    if (body.spec !== undefined) body.spec.nodeSelector = SUITE_LABEL; // only this run's nodes: other suites (and earlier runs on a reused stack) register 8-GPU nodes too
    await core.createNamespacedPod({ namespace: NAMESPACE, body });
    try {
      await waitUntil('wants-gpus bound', async () =>
        (await core.readNamespacedPod({ name: 'wants-gpus', namespace: NAMESPACE })).spec?.nodeName !== undefined, 60_000);
      const bound = await core.readNamespacedPod({ name: 'wants-gpus', namespace: NAMESPACE });
      expect(bound.spec?.nodeName).toBe(`gpu-a100-${RUN}`);
    } finally {
      await core.deleteNamespacedPod({ name: 'wants-gpus', namespace: NAMESPACE, gracePeriodSeconds: 0 });
    }
  });

  it('calls admission webhooks (ValidatingAdmissionWebhook is enabled)', async () => {
    const admission = config.makeApiClient(k8s.AdmissionregistrationV1Api);
    await admission.createValidatingWebhookConfiguration({ body: {
      metadata: { name: 'unreachable' },
      webhooks: [{
        name: 'unreachable.vgpu.test', admissionReviewVersions: ['v1'], sideEffects: 'None', failurePolicy: 'Fail', timeoutSeconds: 2,
        clientConfig: { url: 'https://127.0.0.1:1/validate', caBundle: Buffer.from(await readFile(stack.caFile)).toString('base64') },
        objectSelector: { matchLabels: { webhook: 'unreachable' } },
        rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
      }],
    } });
    try {
      await waitUntil('webhook denies a matching pod', async () => {
        const created = core.createNamespacedPod({ namespace: NAMESPACE, body: pod('hooked', { webhook: 'unreachable' }) });
        const error = await created.then(() => core.deleteNamespacedPod({ name: 'hooked', namespace: NAMESPACE, gracePeriodSeconds: 0 }), (e: unknown) => e);
        return error instanceof k8s.ApiException && `${error.message} ${JSON.stringify(error.body)}`.includes('failed calling webhook');
      }, 30_000);
    } finally {
      await admission.deleteValidatingWebhookConfiguration({ name: 'unreachable' });
    }
  });

  it('answers kubectl get nodes with the written kubeconfig', async () => {
    const { stdout } = await promisify(execFile)('kubectl', ['--kubeconfig', stack.kubeconfig, 'get', 'nodes', '-o', 'name']);
    expect(stdout.split('\n')).toEqual(expect.arrayContaining(GPU_NODES.map((node) => `node/${node.name}`)));
  });
});

/** A pod that never runs (no kubelet) and, with its node selector, is never scheduled either. */
function pod(name: string, labels: Record<string, string>): k8s.V1Pod {
  return {
    metadata: { name, labels },
    spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }], nodeSelector: { 'vgpu.test/never': 'true' } },
  };
}

/**
 * Server-side apply a CRD from its YAML file and wait until the API server reports it Established.
 * Apply, not create: a patch body goes out as parsed, while the typed create would run the object
 * through client-node's model serializer, which silently drops wire-named keys it does not map
 * (here every `x-kubernetes-int-or-string`, so the API server rejects the schema as not structural).
 */
async function applyCrd(config: k8s.KubeConfig, file: string): Promise<void> {
  const extensions = config.makeApiClient(k8s.ApiextensionsV1Api);
  const body = parse(await readFile(file, 'utf8')) as k8s.KubernetesObject;
  const name = body.metadata?.name ?? '';
  await extensions.patchCustomResourceDefinition({ name, body, fieldManager: 'vgpu-control', force: true }, apply);
  await waitUntil(`CRD ${name} Established`, async () => {
    const crd = await extensions.readCustomResourceDefinition({ name });
    return crd.status?.conditions?.some((condition) => condition.type === 'Established' && condition.status === 'True') === true;
  }, 30_000);
}
