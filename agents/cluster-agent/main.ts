// node agents/cluster-agent/main.ts --cluster-id prod-eu-1 [--kubeconfig f] [--brokers h:p] [--metrics-port 9102]
// Watches opted-in pods, nodes, WorkloadProfiles and opted-in Deployments/StatefulSets and publishes their
// changes to the cluster-events topic (README.md). Exits 0 after SIGTERM/SIGINT once the buffer is
// published (or the drain timeout passed), 1 on a fatal error, 2 on bad options.
import { readEndpoints } from '../../infra/local/endpoints.ts';
import { createKafkaClient } from '../../shared/adapters/kafka/client.ts';
import { loadKubeConfig } from '../../shared/adapters/kubernetes/kube-config.ts';
import { createKubeHttp } from '../../shared/adapters/kubernetes/informers/kube-http.ts';
import { AppError, hasErrorCode } from '../../shared/core/errors.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { parseClusterAgentFlags, toClusterAgentInput, USAGE } from './cli-options.ts';
import { startClusterAgent } from './cluster-agent.ts';
import { parseClusterAgentConfig } from './config.ts';
import { startEndpoints, type Endpoints } from '../shared/http-endpoints.ts';
import { createKafkaMessageSink } from '../../shared/adapters/kafka/message-sink.ts';

const log = (level: string, message: string, fields: Record<string, unknown> = {}): void =>
  console.error(JSON.stringify({ time: new Date().toISOString(), source: 'cluster-agent', level, message, ...fields }));

/** The stack's kubeconfig and broker, used when neither flags nor the in-cluster environment give them. */
function fallbacks(): { brokers?: string; kubeconfig?: string } {
  const stack = readEndpoints();
  const inCluster = process.env['KUBERNETES_SERVICE_HOST'] !== undefined;
  return { ...(stack === undefined ? {} : { brokers: stack.kafka.bootstrap }), ...(stack === undefined || inCluster ? {} : { kubeconfig: stack.kubernetes.kubeconfig }) };
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = parseClusterAgentFlags(argv);
  if (flags.help === true) return void console.log(USAGE);
  const config = parseClusterAgentConfig(toClusterAgentInput(flags, fallbacks()));
  const kube = loadKubeConfig(config.kubeconfig === undefined ? { kind: 'in-cluster' }
    : { kind: 'kubeconfig-file', path: config.kubeconfig, ...(config.context === undefined ? {} : { context: config.context }) });
  const sink = createKafkaMessageSink(createKafkaClient({ brokers: config.brokers, clientId: `cluster-agent-${config.clusterId}` }));
  const agent = startClusterAgent({
    clusterId: config.clusterId, http: createKubeHttp(kube), sink, topic: config.topic, kinds: config.watch,
    scope: config.namespace === undefined ? {} : { namespace: config.namespace }, stateFile: config.stateFile, bufferSize: config.bufferSize,
    batchSize: config.batchSize, watchTimeoutSeconds: config.watchTimeoutSeconds, clock: systemClock, log,
  });
  let endpoints: Endpoints | undefined;
  if (config.metricsPort !== undefined) {
    endpoints = await startEndpoints({ port: config.metricsPort, host: config.metricsHost, metrics: agent.metrics, healthy: () => true, ready: agent.ready });
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping: publishing what is buffered', { drainTimeoutMs: config.drainTimeoutMs });
    agent.stop(config.drainTimeoutMs).then(() => endpoints?.close()).then(() => sink.disconnect())
      .then(() => log('info', 'stopped'), (error: unknown) => log('error', 'stop failed', { error: String(error) }))
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await agent.synced;
  log('info', 'synced', { clusterId: config.clusterId, metricsPort: endpoints?.port, stateFile: config.stateFile });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const code = hasErrorCode(error, 'INVALID_INPUT') ? 2 : 1;
  log('error', error instanceof Error ? error.message : String(error), error instanceof AppError ? { code: error.code } : {});
  process.exit(code);
});
