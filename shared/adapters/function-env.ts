// What a function's entry point reads from its environment, validated once at cold start with every
// issue named, and the adapters built from it. Handlers take ports; only their `handler` export uses this.
import { z } from 'zod';
import { TOPIC_NAMES } from '../../infra/topics.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import { parseOptions } from '../middleware/parse-options.ts';
import { createKafkaClient } from './kafka/client.ts';
import { createKafkaEventPublisher } from './kafka/producer.ts';
import type { ClusterAccess } from './kubernetes/kube-config.ts';

const brokerList = z.string({ error: 'be a comma-separated list of host:port' })
  .transform((text) => text.split(',').map((broker) => broker.trim()).filter((broker) => broker !== ''))
  .pipe(z.array(z.string().regex(/^[^\s:,]+:\d{1,5}$/, { error: 'be host:port' })).min(1, { error: 'name at least one broker' }));

/** The variables (serverless.yml `provider.environment`, or the runner's environment off AWS). */
export const functionEnvSchema = z.object({
  /** Brokers the function publishes to (decisions, dead letters). */
  KAFKA_BROKERS: brokerList,
  DEAD_LETTER_TOPIC: z.string().min(1, { error: 'not be empty' }).default(TOPIC_NAMES.deadLetter),
  DECISIONS_TOPIC: z.string().min(1, { error: 'not be empty' }).default(TOPIC_NAMES.decisions),
  /** A kubeconfig file; the in-cluster service account when unset or empty. */
  KUBECONFIG: z.string().optional(),
  /** How long cached cluster reads live, in milliseconds. */
  CLUSTER_CACHE_TTL_MS: z.coerce.number().int().min(0).default(5_000),
});

/** The parsed environment. */
export type FunctionEnv = z.output<typeof functionEnvSchema>;

/** Parse `env`; throws `INVALID_INPUT` naming each bad variable (`function environment option KAFKA_BROKERS ...`). */
export const functionEnv = (env: Readonly<Record<string, string | undefined>>): FunctionEnv => parseOptions('function environment', functionEnvSchema, env);

/** `KUBECONFIG` when set, else the in-cluster service account. */
export const clusterAccessOf = (env: FunctionEnv): ClusterAccess =>
  env.KUBECONFIG === undefined || env.KUBECONFIG === '' ? { kind: 'in-cluster' } : { kind: 'kubeconfig-file', path: env.KUBECONFIG };

/** A publisher on the brokers of `env`; connects on the first publish. */
export const publisherOf = (env: FunctionEnv, clientId: string): EventPublisher =>
  createKafkaEventPublisher(createKafkaClient({ brokers: env.KAFKA_BROKERS, clientId }));
