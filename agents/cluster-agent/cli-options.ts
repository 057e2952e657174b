import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { AppError } from '../../shared/core/errors.ts';

/** The usage text. */
export const USAGE = `usage: node agents/cluster-agent/main.ts --cluster-id <id> [options]
  --cluster-id <id>            the cluster's id, stamped on every event (required)
  --brokers <h:p,h:p>          Kafka brokers (default: the local stack's)
  --kubeconfig <file>          kubeconfig to use (default: in-cluster service account, else the local stack's)
  --context <name>             kubeconfig context
  --namespace <ns>             watch one namespace (default: all)
  --watch <kinds>              comma-separated: pods,nodes,workload-profiles,deployments,statefulsets (default: all)
  --topic <topic>              (default cluster-events)
  --state-file <file>          journal of published state (default .vgpu/cluster-agent/<cluster-id>.state.jsonl)
  --buffer-size <n>            objects buffered while Kafka is slow or down (default 10000)
  --batch-size <n>             messages per Kafka request (default 500)
  --watch-timeout-seconds <s>  server-side watch timeout (default 240)
  --drain-timeout-ms <ms>      on SIGTERM, time to publish what is buffered (default 10000)
  --metrics-port <port>        serve /metrics, /healthz, /readyz (0: a free port)   --metrics-host <host> (default 127.0.0.1)`;

const FLAGS = [
  'cluster-id', 'brokers', 'kubeconfig', 'context', 'namespace', 'watch', 'topic', 'state-file', 'buffer-size', 'batch-size',
  'watch-timeout-seconds', 'drain-timeout-ms', 'metrics-port', 'metrics-host',
] as const;

/** Parsed flags. */
export type ClusterAgentFlags = Partial<Record<(typeof FLAGS)[number], string>> & { readonly help?: boolean };

/** Parse `argv`; `INVALID_INPUT` on an unknown flag or a missing value. */
export function parseClusterAgentFlags(argv: readonly string[]): ClusterAgentFlags {
  const options = Object.fromEntries([...FLAGS.map((name) => [name, { type: 'string' }] as const), ['help', { type: 'boolean' }]]) as ParseArgsOptionsConfig;
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as ClusterAgentFlags;
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${error instanceof Error ? error.message : String(error)}\n${USAGE}`, { cause: error });
  }
}

const list = (value: string | undefined): string[] | undefined => value?.split(',').map((item) => item.trim()).filter((item) => item !== '');
const numberOf = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));

/** The config input of `flags`, with the defaults the environment supplies (the local stack's broker and kubeconfig). */
export function toClusterAgentInput(flags: ClusterAgentFlags, fallback: { readonly brokers?: string; readonly kubeconfig?: string }): Record<string, unknown> {
  const entries = {
    clusterId: flags['cluster-id'], brokers: list(flags.brokers ?? fallback.brokers) ?? [], kubeconfig: flags.kubeconfig ?? fallback.kubeconfig,
    context: flags.context, namespace: flags.namespace, watch: list(flags.watch), topic: flags.topic, stateFile: flags['state-file'],
    bufferSize: numberOf(flags['buffer-size']), batchSize: numberOf(flags['batch-size']), watchTimeoutSeconds: numberOf(flags['watch-timeout-seconds']),
    drainTimeoutMs: numberOf(flags['drain-timeout-ms']), metricsPort: numberOf(flags['metrics-port']), metricsHost: flags['metrics-host'],
  };
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}
