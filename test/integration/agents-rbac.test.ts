// The agents' manifests (infra/kubernetes/agents) against the stack's kube-apiserver: the RBAC is applied
// and checked with SubjectAccessReviews as each agent's service account (allowed what it uses, denied the
// rest), the workloads pass a server-side dry run, and each agent really runs on its own service-account
// token: the cluster-agent lists and watches, the node-agent gets its Node and lists its pods.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import type { Kafka } from 'kafkajs';
import { parseAllDocuments } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyManifests, waitForCrds } from '../../infra/local/bootstrap/apply-manifests.ts';
import { registerGpuNodes } from '../../infra/local/kubernetes/nodes.ts';
import { provisionTopics } from '../../shared/adapters/kafka/provision-topics.ts';
import type { GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';
import { readEvents, startAgentProcess, type AgentProcess, type EventReader } from '../fixtures/gpu/agents-harness.ts';
import { REPO, testKafka, uniqueName } from '../fixtures/handlers/harness.ts';
import { allowedFor, kubeconfigFor } from '../fixtures/service-account.ts';
import { loadKubeConfig } from '../../shared/adapters/kubernetes/kube-config.ts';

const stack = inject('stack');
const MANIFESTS = join(REPO, 'infra/kubernetes/agents');
const NAMESPACE = 'vgpu-system';
const SERVICE_ACCOUNTS = { cluster: 'vgpu-cluster-agent', node: 'vgpu-node-agent' } as const;
let config: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let kafka: Kafka;
let workDir: string;
const agents: AgentProcess[] = [];
const readers: EventReader[] = [];

beforeAll(async () => {
  config = loadKubeConfig({ kind: 'kubeconfig-file', path: stack.kubernetes.kubeconfig });
  core = config.makeApiClient(k8s.CoreV1Api);
  kafka = testKafka(stack.kafka.bootstrap);
  await provisionTopics(kafka, { replicationFactor: 1 });
  await applyManifests(config, ['infra/crds/workloadprofiles.tensor-fusion.ai.yaml']);
  await waitForCrds(config, ['workloadprofiles.tensor-fusion.ai']);
  await applyManifests(config, [join(MANIFESTS, 'namespace.yaml'), join(MANIFESTS, 'rbac.yaml')]);
  workDir = mkdtempSync(join(tmpdir(), 'agents-rbac-'));
}, 120_000);

afterEach(async () => {
  for (const agent of agents.splice(0)) if (agent.child.exitCode === null && agent.child.signalCode === null) agent.child.kill('SIGKILL');
  await Promise.all(readers.splice(0).map((reader) => reader.stop()));
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const allowed = (account: string, attributes: k8s.V1ResourceAttributes): Promise<boolean> => allowedFor(config, { namespace: NAMESPACE, name: account }, attributes);
const kubeconfigOf = (account: string): Promise<string> => kubeconfigFor(config, { namespace: NAMESPACE, name: account }, { stack, dir: workDir });

const core_ = (resource: string) => ({ group: '', resource });
describe('Manifests: agents RBAC (integration)', () => {
  it.each([
    { name: 'list pods', account: SERVICE_ACCOUNTS.cluster, attributes: { verb: 'list', ...core_('pods') }, expected: true },
    { name: 'watch pods in a namespace', account: SERVICE_ACCOUNTS.cluster, attributes: { verb: 'watch', namespace: 'ml', ...core_('pods') }, expected: true },
    { name: 'watch nodes', account: SERVICE_ACCOUNTS.cluster, attributes: { verb: 'watch', ...core_('nodes') }, expected: true },
    { name: 'watch workloadprofiles', account: SERVICE_ACCOUNTS.cluster, attributes: { verb: 'watch', group: 'tensor-fusion.ai', resource: 'workloadprofiles' }, expected: true },
    { name: 'list deployments', account: SERVICE_ACCOUNTS.cluster, attributes: { verb: 'list', group: 'apps', resource: 'deployments' }, expected: true },
    { name: 'watch statefulsets', account: SERVICE_ACCOUNTS.cluster, attributes: { verb: 'watch', group: 'apps', resource: 'statefulsets' }, expected: true },
    { name: 'delete pods (denied)', account: SERVICE_ACCOUNTS.cluster, attributes: { verb: 'delete', namespace: 'ml', ...core_('pods') }, expected: false },
    { name: 'patch pods (denied)', account: SERVICE_ACCOUNTS.cluster, attributes: { verb: 'patch', namespace: 'ml', ...core_('pods') }, expected: false },
    { name: 'get secrets (denied)', account: SERVICE_ACCOUNTS.cluster, attributes: { verb: 'get', namespace: NAMESPACE, ...core_('secrets') }, expected: false },
    { name: 'update deployments (denied)', account: SERVICE_ACCOUNTS.cluster, attributes: { verb: 'update', namespace: 'ml', group: 'apps', resource: 'deployments' }, expected: false },
    { name: 'watch replicasets (denied)', account: SERVICE_ACCOUNTS.cluster, attributes: { verb: 'watch', group: 'apps', resource: 'replicasets' }, expected: false },
    { name: 'node-agent: get nodes', account: SERVICE_ACCOUNTS.node, attributes: { verb: 'get', name: 'gpu-1', ...core_('nodes') }, expected: true },
    { name: 'node-agent: list pods', account: SERVICE_ACCOUNTS.node, attributes: { verb: 'list', ...core_('pods') }, expected: true },
    { name: 'node-agent: watch pods (denied)', account: SERVICE_ACCOUNTS.node, attributes: { verb: 'watch', ...core_('pods') }, expected: false },
    { name: 'node-agent: patch nodes (denied)', account: SERVICE_ACCOUNTS.node, attributes: { verb: 'patch', ...core_('nodes') }, expected: false },
    { name: 'node-agent: delete pods (denied)', account: SERVICE_ACCOUNTS.node, attributes: { verb: 'delete', namespace: 'ml', ...core_('pods') }, expected: false },
    { name: 'node-agent: get secrets (denied)', account: SERVICE_ACCOUNTS.node, attributes: { verb: 'get', namespace: NAMESPACE, ...core_('secrets') }, expected: false },
    { name: 'node-agent: list workloadprofiles (denied)', account: SERVICE_ACCOUNTS.node, attributes: { verb: 'list', group: 'tensor-fusion.ai', resource: 'workloadprofiles' }, expected: false },
  ])('$account may $name: $expected', async ({ account, attributes, expected }) => {
    expect(await allowed(account, attributes)).toBe(expected);
  });

  it('passes a server-side dry run of the ConfigMap, Deployment and DaemonSet', async () => {
    const generic = k8s.KubernetesObjectApi.makeApiClient(config);
    const kinds: string[] = [];
    for (const file of ['config.yaml', 'cluster-agent.yaml', 'node-agent.yaml']) {
      for (const document of parseAllDocuments(readFileSync(join(MANIFESTS, file), 'utf8'))) {
        const object = document.toJS() as k8s.KubernetesObject;
        const applied = await generic.patch(object, undefined, 'All', 'vgpu-test', true, k8s.PatchStrategy.ServerSideApply);
        kinds.push(`${applied.kind}/${applied.metadata?.name}`);
      }
    }
    expect(kinds).toEqual(['ConfigMap/vgpu-agents', 'Deployment/vgpu-cluster-agent', 'DaemonSet/vgpu-node-agent']);
    const sources = ['cluster-agent.yaml', 'node-agent.yaml'].map((file) => readFileSync(join(MANIFESTS, file), 'utf8'));
    expect(sources[0]).toContain('serviceAccountName: vgpu-cluster-agent');
    expect(sources[1]).toContain('serviceAccountName: vgpu-node-agent');
  });

  it('runs the cluster-agent on its own service-account token, cluster-wide', async () => {
    const clusterId = uniqueName('rbac');
    const namespace = uniqueName('agents-rbac');
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    const reader = await readEvents(kafka, { topic: 'cluster-events', clusterId });
    readers.push(reader);
    const agent = startAgentProcess('cluster-agent', [
      '--cluster-id', clusterId, '--brokers', stack.kafka.bootstrap, '--kubeconfig', await kubeconfigOf(SERVICE_ACCOUNTS.cluster),
      '--state-file', join(workDir, `${clusterId}.jsonl`), '--watch', 'pods,workload-profiles,deployments,statefulsets',
    ]);
    agents.push(agent);
    await core.createNamespacedPod({ namespace, body: { metadata: { name: 'opted-in', labels: { 'tensor-fusion.ai/enabled': 'true' } },
      spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }], nodeSelector: { 'vgpu.test/never': 'true' } } } });
    await reader.until('the pod', (events) => events.some((event) => event.data.object?.metadata.namespace === namespace));
    expect(agent.output()).not.toMatch(/failed|forbidden/i);
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
  });

  it('runs the node-agent (nvidia-smi source) on its own token: its Node gives the pool, its pods own the GPU processes', async () => {
    const clusterId = uniqueName('rbac-node');
    const node = uniqueName('rbac-gpu');
    const namespace = uniqueName('agents-rbac');
    await registerGpuNodes(stack.kubernetes.kubeconfig, [{ name: node, gpus: 8, model: 'A100', labels: { 'tensor-fusion.ai/pool': 'pool-z' } }]);
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    const pod = (name: string) => core.createNamespacedPod({ namespace, body: { metadata: { name }, spec: { nodeName: node, containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] } } });
    const [a, b] = [await pod('train-a'), await pod('train-b')];
    const proc = join(workDir, `${node}-proc`);
    const cgroup = (pid: number, uid: string | undefined) => {
      mkdirSync(join(proc, String(pid)), { recursive: true });
      writeFileSync(join(proc, String(pid), 'cgroup'), `0::/kubepods.slice/kubepods-pod${(uid ?? '').replaceAll('-', '_')}.slice/cri-containerd-${'a'.repeat(64)}.scope\n`);
    };
    cgroup(48211, a.metadata?.uid);
    cgroup(48390, a.metadata?.uid);
    cgroup(51007, b.metadata?.uid);
    const fake = join(workDir, 'nvidia-smi');
    writeFileSync(fake, `#!/bin/sh\nexec "${process.execPath}" "${join(REPO, 'test/fixtures/gpu/fake-nvidia-smi.ts')}" "$@"\n`);
    chmodSync(fake, 0o755);
    const metrics = await readEvents(kafka, { topic: 'gpu-metrics', clusterId });
    const inventory = await readEvents(kafka, { topic: 'gpu-inventory', clusterId });
    readers.push(metrics, inventory);
    const agent = startAgentProcess('node-agent', [
      '--cluster-id', clusterId, '--brokers', stack.kafka.bootstrap, '--source', 'nvidia-smi', '--node', node, '--nvidia-smi', fake, '--proc-root', proc,
      '--kubeconfig', await kubeconfigOf(SERVICE_ACCOUNTS.node), '--interval-ms', '1000', '--sample-interval-ms', '200',
    ]);
    agents.push(agent);
    await metrics.until('an interval with both pods', (events) => events.some((event) => (event.data as unknown as GpuMetricsEvent['data']).workloads.length === 2), 30_000);
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
    expect(inventory.events[0]?.data).toMatchObject({ node, pool: 'pool-z' });
    const workloads = metrics.events.map((event) => (event.data as unknown as GpuMetricsEvent['data']).workloads).find((list) => list.length === 2) ?? [];
    expect(workloads.map((workload) => `${workload.namespace}/${workload.pod}`)).toEqual([`${namespace}/train-a`, `${namespace}/train-b`]);
    expect(agent.output()).not.toMatch(/forbidden|failed/i);
  });
});
