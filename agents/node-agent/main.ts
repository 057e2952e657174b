// node agents/node-agent/main.ts --cluster-id prod-eu-1 --source nvidia-smi --node gpu-node-1 [--metrics-port 9103]
// node agents/node-agent/main.ts --cluster-id lab --source replay --speed max   (replays ../shared/data/gentd26 on openb nodes)
// Discovers GPUs (gpu-inventory) and publishes per-interval GPU and workload metrics (gpu-metrics). Live
// sources run until SIGTERM/SIGINT (exit 0 after publishing what is buffered); a replay exits 0 when done.
// Exit 1 on a fatal error, 2 on bad options.
import { readEndpoints } from '../../infra/local/endpoints.ts';
import { TOPIC_NAMES } from '../../infra/topics.ts';
import { createKafkaClient } from '../../shared/adapters/kafka/client.ts';
import { createKafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import { createKubeHttp, type KubeHttp } from '../../shared/adapters/kubernetes/informers/kube-http.ts';
import { loadKubeConfig } from '../../shared/adapters/kubernetes/kube-config.ts';
import { AppError, hasErrorCode } from '../../shared/core/errors.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { startEndpoints, type Endpoints } from '../shared/http-endpoints.ts';
import { createAgentCore, type AgentCore } from './agent-core.ts';
import type { Log } from '../../shared/ports/log.ts';
import { parseNodeAgentFlags, toNodeAgentInput, USAGE } from './cli-options.ts';
import { parseNodeAgentConfig, type NodeAgentConfig } from './config.ts';
import { startLiveAgent } from './live-agent.ts';
import { runReplay } from './replay-agent.ts';
import { liveSource, loadCatalogue, loadReplayPlan, podLookup, poolOf } from './setup.ts';

const log: Log = (level, message, fields = {}) => console.error(JSON.stringify({ time: new Date().toISOString(), source: 'node-agent', level, message, ...fields }));

function kubeHttp(config: NodeAgentConfig): KubeHttp | undefined {
  if (config.kubeconfig !== undefined) return createKubeHttp(loadKubeConfig({ kind: 'kubeconfig-file', path: config.kubeconfig, ...(config.context === undefined ? {} : { context: config.context }) }));
  return process.env['KUBERNETES_SERVICE_HOST'] === undefined ? undefined : createKubeHttp(loadKubeConfig({ kind: 'in-cluster' }));
}

async function replay(config: NodeAgentConfig, core: AgentCore, startMs: number): Promise<void> {
  const catalogue = await loadCatalogue(config.catalogue);
  const plan = await loadReplayPlan(config, { catalogue, log });
  log('info', 'replaying', { nodes: plan.nodes.length, pods: plan.placement.size, instants: plan.readings.size, joined: plan.joined, unmatched: plan.unmatched, unknownModelNodes: plan.unknownModelNodes });
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  process.once('SIGINT', () => stop.abort());
  const summary = await runReplay({
    core, plan, clusterId: config.clusterId, pool: config.pool ?? 'default', catalogue, namespace: config.replayNamespace,
    startMs, speed: config.speed === 'max' ? Infinity : config.speed, signal: stop.signal,
  });
  log('info', 'replay finished', { ...summary });
  await core.publisher.stop(config.drainTimeoutMs);
}

async function live(config: NodeAgentConfig, core: AgentCore): Promise<() => { ok: boolean; reason?: string }> {
  const http = kubeHttp(config);
  const node = config.node ?? '';
  const agent = await startLiveAgent({
    core, source: liveSource(config, podLookup(http, node, log)), clusterId: config.clusterId, node, pool: poolOf(config, http), catalogue: await loadCatalogue(config.catalogue),
    sampleIntervalMs: config.sampleIntervalMs, discoveryIntervalMs: config.discoveryIntervalMs, clock: systemClock, log,
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    agent.stop(config.drainTimeoutMs).then(() => log('info', 'stopped'), (error: unknown) => log('error', 'stop failed', { error: String(error) })).finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  log('info', 'sampling', { node, source: config.source, intervalMs: config.intervalMs, sampleIntervalMs: config.sampleIntervalMs });
  return agent.ready;
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = parseNodeAgentFlags(argv);
  if (flags.help === true) return void console.log(USAGE);
  const stack = readEndpoints();
  const config = parseNodeAgentConfig(toNodeAgentInput(flags, { ...(stack === undefined ? {} : { brokers: stack.kafka.bootstrap }) }));
  const kafka = createKafkaClient({ brokers: config.brokers, clientId: `node-agent-${config.node ?? 'replay'}` });
  const publisher = createKafkaEventPublisher(kafka, { gzipTopics: config.metricsCompression === 'gzip' ? [TOPIC_NAMES.gpuMetrics] : [] });
  // A replay's intervals align on its start (the first recorded instant); live intervals on the epoch.
  const replayStartMs = config.replayStart === undefined ? Date.now() : Date.parse(config.replayStart);
  const originMs = config.source === 'replay' ? replayStartMs : 0;
  const core = createAgentCore({ clusterId: config.clusterId, grid: { intervalMs: config.intervalMs, originMs }, publisher, bufferSize: config.bufferSize, batchSize: config.batchSize, log });
  let ready: () => { ok: boolean; reason?: string } = () => ({ ok: true });
  let endpoints: Endpoints | undefined;
  if (config.metricsPort !== undefined) endpoints = await startEndpoints({ port: config.metricsPort, host: config.metricsHost, metrics: core.metrics, healthy: () => true, ready: () => ready() });
  if (endpoints !== undefined) log('info', 'serving metrics', { metricsPort: endpoints.port });
  if (config.source !== 'replay') {
    ready = await live(config, core);
    return;
  }
  await replay(config, core, replayStartMs);
  await endpoints?.close();
  await publisher.disconnect();
  process.exit(0);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const code = hasErrorCode(error, 'INVALID_INPUT') ? 2 : 1;
  log('error', error instanceof Error ? error.message : String(error), error instanceof AppError ? { code: error.code } : {});
  process.exit(code);
});
