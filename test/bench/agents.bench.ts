// npm run bench:agents [-- --pods 1000 --interval-ms 60000 --json test/bench/results/agents.json]
// What the agents sustain on the local stack (started here when it is not up):
// - cluster-agent, watch path: N opted-in pods created quickly (50 requests in flight) in a fresh namespace
//   while the agent (a child process) watches; time from the first create until all N upserts are on Kafka;
// - cluster-agent, list path: a second agent with no published state started on those N pods; time from its
//   start until all N upserts are on Kafka (not limited by how fast the API server creates pods);
// - node-agent: the whole gentd26 trace replayed at max speed in-process into Kafka (readings aggregated and
//   published per second), and the same into a no-op publisher (aggregation alone).
import { cpus, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { createAgentCore } from '../../agents/node-agent/agent-core.ts';
import { runReplay } from '../../agents/node-agent/replay-agent.ts';
import { loadCatalogue, loadReplayPlan } from '../../agents/node-agent/setup.ts';
import { parseNodeAgentConfig } from '../../agents/node-agent/config.ts';
import { readEndpoints } from '../../infra/local/endpoints.ts';
import { down, isUp, up } from '../../infra/local/stack.ts';
import { createKafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import { provisionTopics } from '../../shared/adapters/kafka/provision-topics.ts';
import type { EventPublisher } from '../../shared/ports/event-publisher.ts';
import { readEvents, startAgentProcess } from '../fixtures/gpu/agents-harness.ts';
import { testKafka, uniqueName, waitFor } from '../fixtures/handlers/harness.ts';
import { argument, rate, writeJson } from './measure.ts';
import { loadKubeConfig } from '../../shared/adapters/kubernetes/kube-config.ts';

const pods = Number(argument('pods') ?? 1_000);
const intervalMs = Number(argument('interval-ms') ?? 60_000);
const jsonPath = argument('json') ?? 'test/bench/results/agents.json';
const seconds = (ms: number): number => Number((ms / 1000).toFixed(3));

async function inBatches<T>(items: readonly T[], inFlight: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += inFlight) await Promise.all(items.slice(start, start + inFlight).map(work));
}

const podBody = (name: string): k8s.V1Pod => ({
  metadata: { name, labels: { 'tensor-fusion.ai/enabled': 'true' } },
  spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }], nodeSelector: { 'vgpu.test/never': 'true' } },
});

/** Start a cluster-agent on `namespace`; resolves once it has listed. */
async function clusterAgent(stack: NonNullable<ReturnType<typeof readEndpoints>>, options: { clusterId: string; namespace: string; stateFile: string }) {
  const agent = startAgentProcess('cluster-agent', [
    '--cluster-id', options.clusterId, '--namespace', options.namespace, '--watch', 'pods', '--brokers', stack.kafka.bootstrap,
    '--kubeconfig', stack.kubernetes.kubeconfig, '--state-file', options.stateFile,
  ]);
  return agent;
}

async function benchClusterAgent(stack: NonNullable<ReturnType<typeof readEndpoints>>, workDir: string) {
  const config = loadKubeConfig({ kind: 'kubeconfig-file', path: stack.kubernetes.kubeconfig });
  const core = config.makeApiClient(k8s.CoreV1Api);
  const kafka = testKafka(stack.kafka.bootstrap);
  const namespace = uniqueName('bench-agents');
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  const watchId = uniqueName('bench-watch');
  const reader = await readEvents(kafka, { topic: 'cluster-events', clusterId: watchId });
  const agent = await clusterAgent(stack, { clusterId: watchId, namespace, stateFile: join(workDir, 'watch.jsonl') });
  await waitFor('the agent to sync', () => agent.output().includes('"synced"'), 30_000);
  const upserted = () => new Set(reader.events.filter((event) => event.type === 'pod.upserted').map((event) => event.data.object?.metadata.name)).size;
  const started = performance.now();
  await inBatches(Array.from({ length: pods }, (_unused, at) => `p-${at}`), 50, (name) => core.createNamespacedPod({ namespace, body: podBody(name) }));
  const createdMs = performance.now() - started;
  await waitFor(`${pods} upserts on Kafka`, () => upserted() >= pods, 600_000);
  const watchMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const watchEvents = reader.events.length;
  agent.child.kill('SIGTERM');
  await agent.exited;
  await reader.stop();

  const listId = uniqueName('bench-list');
  const listReader = await readEvents(kafka, { topic: 'cluster-events', clusterId: listId });
  const listStarted = performance.now();
  const lister = await clusterAgent(stack, { clusterId: listId, namespace, stateFile: join(workDir, 'list.jsonl') });
  await waitFor(`${pods} upserts on Kafka from the list`, () => listReader.events.length >= pods, 600_000);
  const listMs = performance.now() - listStarted;
  lister.child.kill('SIGTERM');
  await lister.exited;
  await listReader.stop();
  await core.deleteNamespace({ name: namespace });
  return {
    pods,
    watch: { createSeconds: seconds(createdMs), createsPerSecond: rate(pods, createdMs), allOnKafkaSeconds: seconds(watchMs), eventsPerSecond: rate(pods, watchMs), lagAfterLastCreateMs: Math.round(watchMs - createdMs), eventsOnKafkaIncludingStatusUpdates: watchEvents },
    list: { allOnKafkaSeconds: seconds(listMs), eventsPerSecond: rate(pods, listMs), includesProcessStart: true },
  };
}

async function replayOnce(publisher: EventPublisher, clusterId: string) {
  const config = parseNodeAgentConfig({ clusterId, brokers: ['unused:1'], source: 'replay', speed: 'max', intervalMs });
  const catalogue = await loadCatalogue(undefined);
  const plan = await loadReplayPlan(config, { catalogue, log: () => undefined });
  const startMs = Date.UTC(2025, 0, 1);
  const core = createAgentCore({ clusterId, grid: { intervalMs, originMs: startMs }, publisher, bufferSize: 10_000, batchSize: 500, log: () => undefined });
  const summary = await runReplay({ core, plan, clusterId, pool: 'default', catalogue, namespace: 'replay', startMs, speed: Infinity, signal: new AbortController().signal });
  await core.publisher.stop(10_000);
  const readings = summary.workloadSamples + core.aggregator.counts.gpuSamples;
  return { ...summary, seconds: seconds(summary.seconds * 1000), gpuSamples: core.aggregator.counts.gpuSamples, readingsPerSecond: rate(readings, summary.seconds * 1000), eventsPerSecond: rate(summary.events, summary.seconds * 1000) };
}

async function benchNodeAgent(stack: NonNullable<ReturnType<typeof readEndpoints>>) {
  const kafka = testKafka(stack.kafka.bootstrap);
  const publisher = createKafkaEventPublisher(kafka);
  const toKafka = await replayOnce(publisher, uniqueName('bench-replay'));
  await publisher.disconnect();
  const aggregationOnly = await replayOnce({ publish: async () => undefined }, uniqueName('bench-noop'));
  return { intervalMs, toKafka, aggregationOnly };
}

async function main(): Promise<void> {
  const startedHere = !isUp(readEndpoints());
  const stack = await up();
  const workDir = mkdtempSync(join(tmpdir(), 'bench-agents-'));
  try {
    await provisionTopics(testKafka(stack.kafka.bootstrap), { replicationFactor: 1 });
    const clusterAgentFigures = await benchClusterAgent(stack, workDir);
    const nodeAgentFigures = await benchNodeAgent(stack);
    const result = { bench: 'agents', node: process.version, cpus: cpus().length, kafkaVersion: stack.kafka.version, kubernetesVersion: stack.kubernetes.version, clusterAgent: clusterAgentFigures, nodeAgent: nodeAgentFigures };
    const { watch, list } = clusterAgentFigures;
    const { toKafka, aggregationOnly } = nodeAgentFigures;
    console.log(`bench:agents on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, Kafka ${stack.kafka.version}, Kubernetes ${stack.kubernetes.version}`);
    console.log(`cluster-agent watch: ${pods} pods created in ${watch.createSeconds} s (${watch.createsPerSecond}/s); all upserts on Kafka after ${watch.allOnKafkaSeconds} s = ${watch.eventsPerSecond} events/s (last one ${watch.lagAfterLastCreateMs} ms after the last create)`);
    console.log(`cluster-agent list:  ${pods} pods listed and on Kafka ${list.allOnKafkaSeconds} s after the process started = ${list.eventsPerSecond} events/s`);
    console.log(`node-agent replay → Kafka:  ${toKafka.workloadSamples} workload + ${toKafka.gpuSamples} GPU readings on ${toKafka.nodes} nodes in ${toKafka.seconds} s = ${toKafka.readingsPerSecond} readings/s, ${toKafka.events} events (${toKafka.eventsPerSecond}/s), interval ${intervalMs} ms`);
    console.log(`node-agent aggregation only: ${aggregationOnly.readingsPerSecond} readings/s, ${aggregationOnly.eventsPerSecond} events/s`);
    writeJson(jsonPath, result);
    console.log(`wrote ${jsonPath}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    if (startedHere) await down();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
