// The runner's options, validated once with every issue named (STYLE §7 rule 7: each default lives here).
import { z } from 'zod';
import { TOPIC_NAMES } from '../../infra/topics.ts';
import { AppError } from '../../shared/core/errors.ts';
import { formatIssue } from '../../shared/core/model/issue.ts';
import { dotPath, formatZodIssues } from '../../shared/schemas/format-issues.ts';
import { brokerAddress } from '../../shared/adapters/kafka/client.ts';

/** The two `eventSource` values Lambda's Kafka triggers send: self-managed Kafka and Amazon MSK. */
export const EVENT_SOURCES = ['SelfManagedKafka', 'aws:kafka'] as const;

const int = (min: number, max: number) => z.int({ error: 'be a whole number' }).min(min, { error: `be ${min} or more` }).max(max, { error: `be ${max} or less` });
const text = z.string({ error: 'be text' }).min(1, { error: 'not be empty' });

/**
 * Every option, with its default. Batching defaults follow Lambda's Kafka event source mapping
 * (reference §B10: batch size 100, window 500 ms; https://docs.aws.amazon.com/lambda/latest/dg/msk-esm-parameters.html).
 * `maxRetries` plays Lambda's MaximumRetryAttempts with the dead-letter topic as on-failure destination
 * (Lambda uses 10 when a destination is set, https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html).
 */
export const runnerConfigSchema = z.strictObject({
  brokers: z.array(brokerAddress, { error: 'be a list of host:port' }).min(1, { error: 'name at least one broker' }),
  functionName: text.max(140, { error: 'be at most 140 characters' }),
  handler: z.strictObject({ module: text, exportName: z.string().regex(/^[A-Za-z_$][\w$]*$/, { error: 'be a JavaScript export name' }) }),
  topics: z.array(text, { error: 'be a list of topics' }).min(1, { error: 'name at least one topic' }),
  groupId: text,
  batchSize: int(1, 10_000).default(100),
  batchWindowMs: int(0, 300_000).default(500),
  /** Lambda's 6 MB synchronous payload limit: a batch is cut before its Lambda event (base64 keys and values, headers as byte arrays, the envelope) passes this many bytes. */
  maxBatchBytes: int(1_024, 6_291_456).default(6_291_456),
  maxRetries: int(0, 10_000).default(10),
  backoffBaseMs: int(1, 3_600_000).default(1_000),
  backoffMaxMs: int(1, 3_600_000).default(60_000),
  eventSource: z.enum(EVENT_SOURCES, { error: `be one of ${EVENT_SOURCES.join(', ')}` }).default('SelfManagedKafka'),
  /** HTTP port of `/metrics` and `/healthz`; 0 picks a free one; absent: no server. */
  metricsPort: int(0, 65_535).optional(),
  /** Where the metrics server listens: loopback by default, `0.0.0.0` in a pod. */
  metricsHost: text.default('127.0.0.1'),
  deadLetterTopic: text.default(TOPIC_NAMES.deadLetter),
  /** Lambda's `startingPosition`: TRIM_HORIZON reads a new group's partitions from the start, LATEST from the end. */
  fromBeginning: z.boolean({ error: 'be true or false' }).default(true),
  /** Partitions handled at once (kafkajs `partitionsConsumedConcurrently`); partitions bound the useful value. */
  concurrency: int(1, 1_000).default(1),
  /** The function's time limit: what `context.getRemainingTimeInMillis()` counts down from (serverless's default 6 s). */
  timeoutMs: int(1, 900_000).default(6_000),
  /** The group session: a runner that stops heartbeating loses its partitions after this long. */
  sessionTimeoutMs: int(6_000, 300_000).default(30_000),
  /** A fetch waits until this many bytes are ready or the batching window ends, which is how the window gathers records. */
  fetchMinBytes: int(1, 52_428_800).default(1_048_576),
}).refine((config) => config.backoffMaxMs >= config.backoffBaseMs, { error: 'be at least backoffBaseMs', path: ['backoffMaxMs'] });

/** The options as given (defaults may be left out). */
export type RunnerConfigInput = z.input<typeof runnerConfigSchema>;
/** Validated options, defaults filled in. */
export type RunnerConfig = z.output<typeof runnerConfigSchema>;

/** Validate `input`; throws `INVALID_INPUT` naming every bad option (`runner option batchSize must be 10000 or less, got 20000`). */
export function parseRunnerConfig(input: unknown): RunnerConfig {
  const parsed = runnerConfigSchema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issues = formatZodIssues(parsed.error.issues, (path) => `runner option${path.length === 0 ? 's' : ` ${dotPath(path)}`}`);
  throw new AppError('INVALID_INPUT', issues.map(formatIssue).join('; '), { details: { issues } });
}
