// What every function's entry point reads from its environment (serverless.yml `provider.environment`, or
// the runner's environment off AWS), validated once with every issue named, and the adapters built from
// it. Each function extends the schema with its own variables; handlers take ports, only entry points use this.
import { z } from 'zod';
import { TOPIC_NAMES } from '../../infra/topics.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { StateStore } from '../ports/state-store.ts';
import { parseOptions } from '../middleware/parse-options.ts';
import { createDynamoDbClient } from './dynamodb/client.ts';
import { createDynamoDbStateStore } from './dynamodb/state-store.ts';
import { brokerAddress, createKafkaClient } from './kafka/client.ts';
import { createKafkaEventPublisher } from './kafka/producer.ts';
import type { ClusterAccess } from './kubernetes/kube-config.ts';
import { clusterIdField } from '../schemas/events/event-fields.ts';

const brokerList = z.string({ error: 'be a comma-separated list of host:port' })
  .transform((text) => text.split(',').map((broker) => broker.trim()).filter((broker) => broker !== ''))
  .pipe(z.array(brokerAddress).min(1, { error: 'name at least one broker' }));

/** A comma-separated list of topics. */
export const topicList = (fallback: string) => z.string().min(1, { error: 'not be empty' }).default(fallback)
  .transform((topics) => topics.split(',').map((topic) => topic.trim()).filter((topic) => topic !== ''));

/** The variables every function reads, each default here and nowhere else. */
export const functionEnvSchema = z.object({
  /** The state table (serverless.yml sets it per stage); the local stack's table by default. */
  STATE_TABLE_NAME: z.string().min(1, { error: 'not be empty' }).default('vgpu-control-local'),
  /** A DynamoDB-compatible endpoint (dynalite locally); AWS's own when unset. */
  DYNAMODB_ENDPOINT: z.url({ error: 'be a URL like http://127.0.0.1:8000' }).optional(),
  AWS_REGION: z.string().min(1, { error: 'not be empty' }).default('us-east-1'),
  /** Brokers the function publishes decisions and dead letters to. */
  KAFKA_BROKERS: brokerList,
  DECISIONS_TOPIC: z.string().min(1, { error: 'not be empty' }).default(TOPIC_NAMES.decisions),
  DEAD_LETTER_TOPIC: z.string().min(1, { error: 'not be empty' }).default(TOPIC_NAMES.deadLetter),
  /**
   * The one cluster this deployment acts for: records of other clusters are acknowledged untouched
   * (`decodeKafkaRecords`' `clusterId`), as when each cluster runs its own runner on shared topics.
   * Unset or empty: every record, whatever its cluster (one cluster per topic set).
   */
  CLUSTER_ID: z.preprocess((value) => (value === '' ? undefined : value), clusterIdField.optional()),
  /** A kubeconfig file; the in-cluster service account when unset or empty. */
  KUBECONFIG: z.string().optional(),
  /** How long cached cluster reads (profiles, pools, owners) live, in milliseconds. */
  CLUSTER_CACHE_TTL_MS: z.coerce.number().int().min(0).default(5_000),
});

/** The parsed common variables. */
export type FunctionEnv = z.output<typeof functionEnvSchema>;

/**
 * Parse `env` with `schema`: the common one, or it extended by a function's own variables
 * (`functionEnvSchema.extend({...})`); throws `INVALID_INPUT` naming each bad variable
 * (`allocate-gpus environment option KAFKA_BROKERS must be ...`).
 */
export function functionEnv<S extends z.ZodType<FunctionEnv, unknown>>(name: string, env: Readonly<Record<string, string | undefined>>, schema: S): z.output<S> {
  return parseOptions(`${name} environment`, schema, env);
}

/** `KUBECONFIG` when set, else the in-cluster service account. */
export const clusterAccessOf = (env: { readonly KUBECONFIG?: string | undefined }): ClusterAccess =>
  env.KUBECONFIG === undefined || env.KUBECONFIG === '' ? { kind: 'in-cluster' } : { kind: 'kubeconfig-file', path: env.KUBECONFIG };

/** A publisher on the brokers of `env`; connects on the first publish. */
export const publisherOf = (env: FunctionEnv, clientId: string): EventPublisher =>
  createKafkaEventPublisher(createKafkaClient({ brokers: env.KAFKA_BROKERS, clientId }));

/** The state table of `env`. */
export function stateStoreOf(env: FunctionEnv): StateStore {
  const client = createDynamoDbClient({ region: env.AWS_REGION, ...(env.DYNAMODB_ENDPOINT === undefined ? {} : { endpoint: env.DYNAMODB_ENDPOINT }) });
  return createDynamoDbStateStore(client, env.STATE_TABLE_NAME);
}
