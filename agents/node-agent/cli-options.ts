import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { AppError } from '../../shared/core/errors.ts';

/** The usage text. */
export const USAGE = `usage: node agents/node-agent/main.ts --cluster-id <id> --source nvidia-smi|dcgm|replay [options]
  --cluster-id <id>              the cluster's id (required)        --brokers <h:p,...>  (default: the local stack's)
  --source <s>                   nvidia-smi, dcgm or replay          --node <name>        this node (live sources)
  --pool <pool>                  inventory pool (default: the node's tensor-fusion.ai/pool label, else default)
  --kubeconfig <file> --context <name>   for the pod lookup and the node's pool (default: in-cluster, else none)
  --catalogue <file>             extra GPU models (YAML/JSON, { models: [...] })
  --interval-ms <ms>             aggregation interval (default 10000)
  --sample-interval-ms <ms>      live sampling period (default 1000)  --discovery-interval-ms <ms> (default 60000)
  --nvidia-smi <path>            nvidia-smi binary                    --proc-root <dir>  host /proc (default /proc)
  --dcgm-url <url>               dcgm-exporter metrics (default http://127.0.0.1:9400/metrics)
  --replay-dir <dir>             gentd26 series (default ../shared/data/gentd26)
  --fleet <file>                 openb node list (default ../shared/data/openb/openb_node_list_gpu_node.csv)
  --speed <x|max>                recorded seconds per second (default 1)   --replay-nodes <n>  fleet nodes to replay
  --replay-namespace <ns>        (default replay)   --replay-start <iso>   --replay-duration-ms <ms>
  --buffer-size <n> (default 10000)   --batch-size <n> (default 500)   --drain-timeout-ms <ms> (default 10000)
  --metrics-compression gzip|none  gpu-metrics values gzipped, content-encoding: gzip (default gzip)
  --metrics-port <port>          serve /metrics, /healthz, /readyz     --metrics-host <host> (default 127.0.0.1)`;

const FLAGS = {
  'cluster-id': 'clusterId', 'brokers': 'brokers', 'source': 'source', 'node': 'node', 'pool': 'pool', 'kubeconfig': 'kubeconfig', 'context': 'context',
  'catalogue': 'catalogue', 'interval-ms': 'intervalMs', 'sample-interval-ms': 'sampleIntervalMs', 'discovery-interval-ms': 'discoveryIntervalMs',
  'nvidia-smi': 'nvidiaSmi', 'proc-root': 'procRoot', 'dcgm-url': 'dcgmUrl', 'replay-dir': 'replayDir', 'fleet': 'fleet', 'speed': 'speed',
  'replay-nodes': 'replayNodes', 'replay-namespace': 'replayNamespace', 'replay-start': 'replayStart', 'replay-duration-ms': 'replayDurationMs',
  'buffer-size': 'bufferSize', 'batch-size': 'batchSize', 'drain-timeout-ms': 'drainTimeoutMs', 'metrics-port': 'metricsPort', 'metrics-host': 'metricsHost',
  'metrics-compression': 'metricsCompression',
} as const;

const NUMERIC = new Set(['intervalMs', 'sampleIntervalMs', 'discoveryIntervalMs', 'replayNodes', 'replayDurationMs', 'bufferSize', 'batchSize', 'drainTimeoutMs', 'metricsPort']);

/** Parsed flags, by config key. */
export type NodeAgentFlags = { readonly help?: boolean; readonly values: Record<string, string> };

/** Parse `argv`; `INVALID_INPUT` on an unknown flag or a missing value. */
export function parseNodeAgentFlags(argv: readonly string[]): NodeAgentFlags {
  const options = Object.fromEntries([...Object.keys(FLAGS).map((name) => [name, { type: 'string' }] as const), ['help', { type: 'boolean' }]]) as ParseArgsOptionsConfig;
  try {
    const { help, ...values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Record<string, string> & { help?: boolean };
    return { ...(help === true ? { help } : {}), values };
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${error instanceof Error ? error.message : String(error)}\n${USAGE}`, { cause: error });
  }
}

/** The config input of `flags`, with the environment's defaults (the local stack's broker). */
export function toNodeAgentInput(flags: NodeAgentFlags, fallback: { readonly brokers?: string; readonly kubeconfig?: string }): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(FLAGS)) {
    const value = flags.values[flag];
    if (value !== undefined) input[key] = NUMERIC.has(key) ? Number(value) : value;
  }
  const brokers = (input['brokers'] as string | undefined) ?? fallback.brokers;
  input['brokers'] = brokers?.split(',').map((broker) => broker.trim()).filter((broker) => broker !== '') ?? [];
  if (input['kubeconfig'] === undefined && fallback.kubeconfig !== undefined) input['kubeconfig'] = fallback.kubeconfig;
  return input;
}
