// The cluster-agent as a real process (node agents/cluster-agent/main.ts) against the stack's
// kube-apiserver and Kafka broker: each test uses its own namespace and cluster id and reads back only
// that cluster id's events from the cluster-events topic, from where the topic ended when it started.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import type { Kafka } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyManifests, waitForCrds } from '../../infra/local/bootstrap/apply-manifests.ts';
import { registerGpuNodes } from '../../infra/local/kubernetes/nodes.ts';
import { provisionTopics } from '../../shared/adapters/kafka/provision-topics.ts';
import { describeEvent, readEvents, startAgentProcess, type AgentProcess, type EventReader, type SeenEvent } from '../fixtures/gpu/agents-harness.ts';
import { testKafka, uniqueName, waitFor } from '../fixtures/handlers/harness.ts';
import { loadKubeConfig } from '../../shared/adapters/kubernetes/kube-config.ts';

const stack = inject('stack');
const TOPIC = 'cluster-events';
const PROFILES = { group: 'tensor-fusion.ai', version: 'v1', plural: 'workloadprofiles' };
const MERGE = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
let kafka: Kafka;
let config: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let custom: k8s.CustomObjectsApi;
let workDir: string;
const agents: AgentProcess[] = [];
const readers: EventReader[] = [];

beforeAll(async () => {
  kafka = testKafka(stack.kafka.bootstrap);
  await provisionTopics(kafka, { replicationFactor: 1 });
  config = loadKubeConfig({ kind: 'kubeconfig-file', path: stack.kubernetes.kubeconfig });
  core = config.makeApiClient(k8s.CoreV1Api);
  custom = config.makeApiClient(k8s.CustomObjectsApi);
  await applyManifests(config, ['infra/crds/workloadprofiles.tensor-fusion.ai.yaml']);
  await waitForCrds(config, ['workloadprofiles.tensor-fusion.ai']);
  workDir = mkdtempSync(join(tmpdir(), 'agents-it-'));
}, 120_000);

afterEach(async () => {
  for (const agent of agents.splice(0)) if (agent.child.exitCode === null && agent.child.signalCode === null) agent.child.kill('SIGKILL');
  await Promise.all(readers.splice(0).map((reader) => reader.stop()));
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A pod that never runs: opted in unless told otherwise, optionally gated, never scheduled (no such node). */
function pod(name: string, options: { optedIn?: boolean; gated?: boolean; pool?: string } = {}): k8s.V1Pod {
  return {
    metadata: {
      name, labels: options.optedIn === false ? { app: 'plain' } : { 'tensor-fusion.ai/enabled': 'true' },
      ...(options.pool === undefined ? {} : { annotations: { 'tensor-fusion.ai/gpupool': options.pool } }),
    },
    spec: {
      containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }], nodeSelector: { 'vgpu.test/never': 'true' },
      ...(options.gated === true ? { schedulingGates: [{ name: 'tensor-fusion.ai/allocation' }] } : {}),
    },
  };
}

const profile = (name: string, namespace: string) => ({
  apiVersion: 'tensor-fusion.ai/v1', kind: 'WorkloadProfile', metadata: { name, namespace }, spec: { poolName: 'default-pool', qos: 'medium', replicas: 1 },
});

/** A namespace and cluster id of the test's own, a reader of its events, and how to start agents on them. */
async function scenario(name: string, watch = 'pods,workload-profiles') {
  const namespace = uniqueName(`agents-${name}`);
  const clusterId = uniqueName('it');
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  const reader = await readEvents(kafka, { topic: TOPIC, clusterId });
  readers.push(reader);
  const stateFile = join(workDir, `${clusterId}.state.jsonl`);
  const start = (extra: readonly string[] = []): AgentProcess => {
    const agent = startAgentProcess('cluster-agent', [
      '--cluster-id', clusterId, '--namespace', namespace, '--watch', watch, '--brokers', stack.kafka.bootstrap,
      '--kubeconfig', stack.kubernetes.kubeconfig, '--state-file', stateFile, '--drain-timeout-ms', '5000', ...extra,
    ]);
    agents.push(agent);
    return agent;
  };
  return { namespace, clusterId, reader, start, stateFile };
}

/** The keys the agent's journal records as acknowledged by Kafka. */
const ackedKeys = (stateFile: string): string[] => readFileSync(stateFile, 'utf8').split('\n').filter((line) => line.includes('"op":"acked"'))
  .flatMap((line) => (JSON.parse(line) as { keys: [string, number][] }).keys.map(([key]) => key));
const named = (events: readonly SeenEvent[], name: string) => events.filter((event) => event.data.object?.metadata.name === name);
const has = (name: string, type: string) => (events: readonly SeenEvent[]) => named(events, name).some((event) => event.type === type);
/** Event types with repeats collapsed: `[upserted, deleted]` for an object created, changed and deleted. */
const lifecycle = (events: readonly SeenEvent[]): string[] => events.map((event) => event.type).filter((type, at, all) => type !== all[at - 1]);
const synced = (agent: AgentProcess) => waitFor('the agent to sync', () => agent.output().includes('"synced"'), 30_000);

/** Per object: one key, one partition, offsets increasing, resourceVersions never going back. */
function expectPerKeyOrder(events: readonly SeenEvent[]): void {
  const byUid = Map.groupBy(events, (event) => event.data.object?.metadata.uid ?? '');
  for (const [, sequence] of byUid) {
    expect(new Set(sequence.map((event) => event.key)).size).toBe(1);
    expect(new Set(sequence.map((event) => event.partition)).size).toBe(1);
    const offsets = sequence.map((event) => event.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    const versions = sequence.map((event) => Number(event.data.object?.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  }
}

describe('Agent: cluster-agent process (integration)', () => {
  it('publishes creates, updates and deletes of opted-in pods (gated ones too) and a WorkloadProfile, in order per key', async () => {
    const at = await scenario('crud');
    const agent = at.start(['--metrics-port', '0']);
    await synced(agent);
    await core.createNamespacedPod({ namespace: at.namespace, body: pod('train-a', { pool: 'pool-x' }) });
    await core.createNamespacedPod({ namespace: at.namespace, body: pod('gated-b', { gated: true }) });
    await core.createNamespacedPod({ namespace: at.namespace, body: pod('plain-c', { optedIn: false }) });
    await custom.createNamespacedCustomObject({ ...PROFILES, namespace: at.namespace, body: profile('llm', at.namespace) });
    await at.reader.until('the creates', (events) => has('train-a', 'pod.upserted')(events) && has('gated-b', 'pod.upserted')(events) && has('llm', 'workload-profile.upserted')(events));
    await core.patchNamespacedPod({ name: 'train-a', namespace: at.namespace, body: { metadata: { annotations: { step: 'two' } } } }, MERGE);
    await custom.patchNamespacedCustomObject({ ...PROFILES, namespace: at.namespace, name: 'llm', body: { spec: { qos: 'high' } } }, MERGE);
    await at.reader.until('the updates', (events) => named(events, 'train-a').length >= 2 && named(events, 'llm').length >= 2);
    await core.deleteNamespacedPod({ name: 'train-a', namespace: at.namespace, gracePeriodSeconds: 0 });
    await custom.deleteNamespacedCustomObject({ ...PROFILES, namespace: at.namespace, name: 'llm' });
    await at.reader.until('the deletes', (events) => has('train-a', 'pod.deleted')(events) && has('llm', 'workload-profile.deleted')(events));

    const events = at.reader.events;
    expect(named(events, 'plain-c')).toEqual([]);
    // Upserts, then one delete: the scheduler's status updates (Unschedulable) and the deletion timestamp are changes too.
    expect(lifecycle(named(events, 'train-a'))).toEqual(['pod.upserted', 'pod.deleted']);
    expect(lifecycle(named(events, 'llm'))).toEqual(['workload-profile.upserted', 'workload-profile.deleted']);
    expect(named(events, 'train-a').some((event) => (event.data.object?.metadata['annotations'] as Record<string, string>)['step'] === 'two')).toBe(true);
    expect(named(events, 'llm').map((event) => (event.data.object?.['spec'] as { qos?: string }).qos)).toEqual(['medium', 'high', 'high']);
    expect(named(events, 'gated-b')[0]?.data.object?.['spec']).toMatchObject({ schedulingGates: [{ name: 'tensor-fusion.ai/allocation' }] });
    expect(named(events, 'train-a')[0]?.key).toBe(`${at.clusterId}/pool-x`);
    expect(named(events, 'gated-b')[0]?.key).toBe(`${at.clusterId}/default`);
    expect(named(events, 'llm')[0]?.key).toBe(`${at.clusterId}/${at.namespace}/llm`);
    expect(events.every((event) => event.data.object?.metadata['managedFields'] === undefined)).toBe(true);
    expectPerKeyOrder(events);

    const port = /"metricsPort":(\d+)/.exec(agent.output())?.[1];
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/vgpu_cluster_agent_events_published_total\{kind="pods"\} [4-9]/);
    expect(metrics).toContain('vgpu_cluster_agent_buffer_depth 0');
    expect(metrics).toMatch(/vgpu_cluster_agent_relists_total\{kind="pods"\} 0/);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
  });

  it('SIGKILLed, with objects changed while it is down, the restarted agent loses no final state and resends nothing unchanged', async () => {
    const at = await scenario('restart');
    for (const name of ['keep', 'change', 'gone']) await core.createNamespacedPod({ namespace: at.namespace, body: pod(name) });
    await custom.createNamespacedCustomObject({ ...PROFILES, namespace: at.namespace, body: profile('llm', at.namespace) });
    const first = at.start();
    await at.reader.until('the first list', (events) => events.length === 4);
    const uids = new Map(at.reader.events.map((event) => [event.data.object?.metadata.name, event.data.object?.metadata.uid]));
    await waitFor('the journal to record every acknowledgement', () => [...uids.values()].every((uid) => ackedKeys(at.stateFile).some((key) => key.endsWith(`/${uid ?? ''}`))));
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const before = at.reader.events.length;

    await core.patchNamespacedPod({ name: 'change', namespace: at.namespace, body: { metadata: { labels: { changed: 'yes' } } } }, MERGE);
    await core.deleteNamespacedPod({ name: 'gone', namespace: at.namespace, gracePeriodSeconds: 0 });
    await core.createNamespacedPod({ namespace: at.namespace, body: pod('new') });
    await custom.deleteNamespacedCustomObject({ ...PROFILES, namespace: at.namespace, name: 'llm' });

    const second = at.start();
    await at.reader.until('the catch-up', (events) => events.length >= before + 4);
    await synced(second);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = at.reader.events.slice(before).map(describeEvent).sort();
    expect(after).toEqual([
      'pod.deleted gone (final state unknown)', 'pod.upserted change', 'pod.upserted new', 'workload-profile.deleted llm (final state unknown)',
    ]);
    const gone = at.reader.events.slice(before).find((event) => event.type === 'pod.deleted');
    expect(gone?.data.object?.metadata.uid).toBe(uids.get('gone'));
    expect(gone?.key).toBe(`${at.clusterId}/default`);
    expectPerKeyOrder(at.reader.events);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('publishes opted-in Deployments (by their pod template) and their pods, and a delete when one stops opting in', async () => {
    const at = await scenario('owners', 'pods,deployments,statefulsets');
    const apps = config.makeApiClient(k8s.AppsV1Api);
    const agent = at.start();
    await synced(agent);
    const labels = { app: 'llm', 'tensor-fusion.ai/enabled': 'true' };
    const template = { metadata: { labels }, spec: pod('unused').spec ?? { containers: [] } };
    await apps.createNamespacedDeployment({ namespace: at.namespace, body: { metadata: { name: 'llm' }, spec: { replicas: 1, selector: { matchLabels: labels }, template } } });
    await apps.createNamespacedDeployment({ namespace: at.namespace, body: {
      metadata: { name: 'plain' }, spec: { replicas: 0, selector: { matchLabels: { app: 'plain' } }, template: { metadata: { labels: { app: 'plain' } }, spec: template.spec } },
    } });
    await apps.createNamespacedStatefulSet({ namespace: at.namespace, body: {
      metadata: { name: 'db' }, spec: { replicas: 0, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { ...template, metadata: { labels: { ...labels, app: 'db' } } } },
    } });
    await at.reader.until('the owners and the deployment pod', (events) => has('llm', 'deployment.upserted')(events) && has('db', 'statefulset.upserted')(events)
      && events.some((event) => event.type === 'pod.upserted' && event.data.object?.metadata.name.startsWith('llm-') === true));
    await apps.patchNamespacedDeployment({ name: 'llm', namespace: at.namespace, body: { spec: { replicas: 2 } } }, MERGE);
    await at.reader.until('the scale-up', (events) => named(events, 'llm').some((event) => (event.data.object?.['spec'] as { replicas?: number }).replicas === 2));
    await apps.patchNamespacedStatefulSet({ name: 'db', namespace: at.namespace, body: { spec: { template: { metadata: { labels: { 'tensor-fusion.ai/enabled': 'false' } } } } } }, MERGE);
    await apps.deleteNamespacedDeployment({ name: 'llm', namespace: at.namespace });
    await at.reader.until('the deployment delete, and the StatefulSet leaving', (events) => has('llm', 'deployment.deleted')(events) && has('db', 'statefulset.deleted')(events));
    expect(named(at.reader.events, 'plain')).toEqual([]);
    expect(named(at.reader.events, 'llm')[0]?.key).toBe(`${at.clusterId}/${at.namespace}/llm`);
    expectPerKeyOrder(at.reader.events.filter((event) => event.type.startsWith('deployment')));
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
  });

  it('publishes node registrations, changes and deletions keyed by node', async () => {
    const at = await scenario('nodes', 'nodes');
    const node = uniqueName('agents-node');
    const agent = at.start(['--watch-timeout-seconds', '2']);
    await synced(agent);
    await registerGpuNodes(stack.kubernetes.kubeconfig, [{ name: node, gpus: 2, model: 'A100' }]);
    await core.patchNode({ name: node, body: { metadata: { labels: { 'tensor-fusion.ai/pool': 'pool-y' } } } }, MERGE);
    await at.reader.until('the node label', (events) => named(events, node).some((event) => (event.data.object?.metadata['labels'] as Record<string, string>)['tensor-fusion.ai/pool'] === 'pool-y'));
    await core.deleteNode({ name: node });
    await at.reader.until('the node delete', has(node, 'node.deleted'));
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // watches renewed at least once meanwhile
    const mine = named(at.reader.events, node);
    expect(mine.every((event) => event.key === `${at.clusterId}/${node}`)).toBe(true);
    expect(mine.at(-1)?.type).toBe('node.deleted');
    const others = at.reader.events.filter((event) => event.data.object?.metadata.name !== node);
    expect(new Set(others.map((event) => event.data.object?.metadata.uid)).size).toBe(others.length); // the renewed watches resent nothing
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
  });
});
