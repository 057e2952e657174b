// The allocator's wiring from its environment (serverless.yml provider.environment, or the runner's):
// nothing connects until the first record, so importing the handler does no I/O.
import { z } from 'zod';
import { createDynamoDbClient } from '../../shared/adapters/dynamodb/client.ts';
import { createDynamoDbStateStore } from '../../shared/adapters/dynamodb/state-store.ts';
import { createKafkaClient } from '../../shared/adapters/kafka/client.ts';
import { createKafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import { createKubernetesCluster } from '../../shared/adapters/kubernetes/cluster.ts';
import { createKubernetesPodBinder } from '../../shared/adapters/kubernetes/pod-binder.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { parseOptions } from '../../shared/middleware/parse-options.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { PLACEMENT_MODES } from '../../shared/schemas/gpu-pool.ts';
import type { AllocateDeps } from './deps.ts';
import { poolStrategies } from './pool-strategies.ts';

/** The variables, each with its default (the local stack's names). */
export const allocateEnvSchema = z.object({
  STATE_TABLE_NAME: z.string().min(1).default('vgpu-control-local'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:9092').transform((brokers) => brokers.split(',')),
  DECISIONS_TOPIC: z.string().min(1).default('decisions'),
  DEAD_LETTER_TOPIC: z.string().min(1).default('dead-letter'),
  KUBECONFIG: z.string().optional(),
  /** Every pool's mode, overriding the GPUPools' (unset: each pool's own). */
  PLACEMENT_MODE: z.enum(PLACEMENT_MODES).optional(),
  ORPHAN_GRACE_SECONDS: z.coerce.number().int().min(0).default(120),
  CLUSTER_EVENTS_TOPICS: z.string().min(1).default('cluster-events').transform((topics) => topics.split(',')),
});

/** The allocator's dependencies from `env`; throws INVALID_INPUT naming each bad variable. */
export function allocateDepsFromEnv(env: Readonly<Record<string, string | undefined>>): AllocateDeps {
  const options = parseOptions('allocate-gpus environment', allocateEnvSchema, env);
  const client = createDynamoDbClient({ region: options.AWS_REGION, ...(options.DYNAMODB_ENDPOINT === undefined ? {} : { endpoint: options.DYNAMODB_ENDPOINT }) });
  const kube = options.KUBECONFIG === undefined || options.KUBECONFIG === '' ? { kind: 'in-cluster' as const } : { kind: 'kubeconfig-file' as const, path: options.KUBECONFIG };
  return {
    ledgers: createLedgerStore(createDynamoDbStateStore(client, options.STATE_TABLE_NAME)),
    binder: createKubernetesPodBinder({ access: kube }),
    publisher: createKafkaEventPublisher(createKafkaClient({ brokers: options.KAFKA_BROKERS, clientId: 'allocate-gpus' })),
    clock: systemClock,
    decisionsTopic: options.DECISIONS_TOPIC,
    deadLetterTopic: options.DEAD_LETTER_TOPIC,
    strategyFor: poolStrategies({
      cluster: createKubernetesCluster({ access: kube, cacheTtlMs: 30_000 }),
      ...(options.PLACEMENT_MODE === undefined ? {} : { override: options.PLACEMENT_MODE }),
    }),
    orphanGraceMs: options.ORPHAN_GRACE_SECONDS * 1000,
    topics: options.CLUSTER_EVENTS_TOPICS,
  };
}
