import { z } from 'zod';
import { AppError } from '../../shared/core/errors.ts';
import { formatIssue } from '../../shared/core/model/issue.ts';
import { clusterIdField, objectNameField } from '../../shared/schemas/events/event-fields.ts';
import { dotPath, formatZodIssues } from '../../shared/schemas/format-issues.ts';
import { TOPIC_NAMES } from '../../infra/topics.ts';
import { KIND_NAMES } from './watched-kinds.ts';
import { brokerAddress } from '../../shared/adapters/kafka/client.ts';

const whole = (min: number, max: number) => z.int({ error: 'be a whole number' }).min(min, { error: `be ${min} or more` }).max(max, { error: `be at most ${max}` });

/** The cluster-agent's settings, each default in this one place (STYLE §7 rule 7). */
export const clusterAgentConfigSchema = z.strictObject({
  clusterId: clusterIdField,
  brokers: z.array(brokerAddress).min(1, { error: 'name at least one broker (--brokers host:port)' }),
  /** A kubeconfig file; absent: the in-cluster service account. */
  kubeconfig: z.string().min(1).optional(),
  context: z.string().min(1).optional(),
  /** Watch one namespace only (pods, profiles, owners); nodes are cluster-scoped. Absent: all namespaces. */
  namespace: objectNameField.optional(),
  watch: z.array(z.enum(KIND_NAMES, { error: `be one of ${KIND_NAMES.join(', ')}` })).min(1, { error: 'name at least one kind' }).default([...KIND_NAMES]),
  topic: z.string().min(1).default(TOPIC_NAMES.clusterEvents),
  stateFile: z.string().min(1).optional(),
  bufferSize: whole(1, 1_000_000).default(10_000),
  batchSize: whole(1, 10_000).default(500),
  watchTimeoutSeconds: whole(1, 3_600).default(240),
  drainTimeoutMs: whole(0, 600_000).default(10_000),
  metricsPort: whole(0, 65_535).optional(),
  metricsHost: z.string().min(1).default('127.0.0.1'),
});

/** Validated settings. */
export type ClusterAgentConfig = z.output<typeof clusterAgentConfigSchema> & { readonly stateFile: string };

/** Where the journal goes when `--state-file` is not given. */
export const defaultStateFile = (clusterId: string): string => `.vgpu/cluster-agent/${clusterId}.state.jsonl`;

/** Check settings; throws `INVALID_INPUT` naming every bad one (`--buffer-size must be ...`). */
export function parseClusterAgentConfig(input: unknown): ClusterAgentConfig {
  const parsed = clusterAgentConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues, (path) => `cluster-agent ${dotPath(path)}`);
    throw new AppError('INVALID_INPUT', issues.map(formatIssue).join('; '), { details: { issues } });
  }
  return { ...parsed.data, stateFile: parsed.data.stateFile ?? defaultStateFile(parsed.data.clusterId) };
}
