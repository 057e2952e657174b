import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/core/errors.ts';
import { formatIssue } from '../../shared/core/model/issue.ts';
import { clusterIdField, objectNameField } from '../../shared/schemas/events/event-fields.ts';
import { dotPath, formatZodIssues } from '../../shared/schemas/format-issues.ts';
import { brokerAddress } from '../../shared/adapters/kafka/client.ts';

/** The shared data folder next to the repository (`../shared/data`). */
const DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');

const whole = (min: number, max: number) => z.int({ error: 'be a whole number' }).min(min, { error: `be ${min} or more` }).max(max, { error: `be at most ${max}` });

/** The node-agent's settings, each default in this one place. */
export const nodeAgentConfigSchema = z.strictObject({
  clusterId: clusterIdField,
  brokers: z.array(brokerAddress).min(1, { error: 'name at least one broker (--brokers host:port)' }),
  source: z.enum(['nvidia-smi', 'dcgm', 'replay'], { error: 'be nvidia-smi, dcgm or replay' }),
  /** This node's name (live sources; the DaemonSet passes spec.nodeName). */
  node: objectNameField.optional(),
  /** The pool in the inventory; absent: the node's `tensor-fusion.ai/pool` label, else `default`. */
  pool: objectNameField.optional(),
  kubeconfig: z.string().min(1).optional(),
  context: z.string().min(1).optional(),
  catalogue: z.string().min(1).optional(),
  nvidiaSmi: z.string().min(1).default('nvidia-smi'),
  procRoot: z.string().min(1).default('/proc'),
  dcgmUrl: z.url({ error: 'be a URL like http://127.0.0.1:9400/metrics' }).default('http://127.0.0.1:9400/metrics'),
  intervalMs: whole(1_000, 3_600_000).default(10_000),
  sampleIntervalMs: whole(100, 600_000).default(1_000),
  discoveryIntervalMs: whole(1_000, 86_400_000).default(60_000),
  replayDir: z.string().min(1).default(join(DATA, 'gentd26')),
  fleet: z.string().min(1).default(join(DATA, 'openb', 'openb_node_list_gpu_node.csv')),
  /** Recorded seconds per wall second; `max`: as fast as Kafka takes it. */
  speed: z.union([z.literal('max'), z.coerce.number({ error: 'be a number or max' }).positive({ error: 'be above 0' })]).default(1),
  replayNodes: whole(1, 100_000).optional(),
  replayNamespace: objectNameField.default('replay'),
  replayStart: z.iso.datetime({ offset: true, error: 'be an ISO-8601 time' }).optional(),
  replayDurationMs: whole(1, Number.MAX_SAFE_INTEGER).optional(),
  bufferSize: whole(1, 1_000_000).default(10_000),
  batchSize: whole(1, 10_000).default(500),
  /**
   * gpu-metrics values gzipped, with `content-encoding: gzip` (every consumer decodes it): a busy node's
   * record about 3× smaller in the Lambda event (6.3 kB → 2.1 kB; the value alone 3.8×), so a 6 MB batch holds about three
   * times the intervals (serverless.yml's metricsBatchSize). `none`: plain JSON.
   */
  metricsCompression: z.enum(['gzip', 'none'], { error: 'be gzip or none' }).default('gzip'),
  drainTimeoutMs: whole(0, 600_000).default(10_000),
  metricsPort: whole(0, 65_535).optional(),
  metricsHost: z.string().min(1).default('127.0.0.1'),
}).refine((config) => config.source === 'replay' || config.node !== undefined, { path: ['node'], error: 'be set for a live source (--node <name>)' });

/** Validated settings. */
export type NodeAgentConfig = z.output<typeof nodeAgentConfigSchema>;

/** Check settings; throws `INVALID_INPUT` naming every bad one. */
export function parseNodeAgentConfig(input: unknown): NodeAgentConfig {
  const parsed = nodeAgentConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues, (path) => `node-agent ${dotPath(path)}`);
    throw new AppError('INVALID_INPUT', issues.map(formatIssue).join('; '), { details: { issues } });
  }
  return parsed.data;
}
