// The real adapters, wired from environment variables (the runner and Lambda both set them).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createDynamoDbClient } from '../../shared/adapters/dynamodb/client.ts';
import { createDynamoDbStateStore } from '../../shared/adapters/dynamodb/state-store.ts';
import { createKafkaClient } from '../../shared/adapters/kafka/client.ts';
import { createKafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import { createKubernetesCluster } from '../../shared/adapters/kubernetes/cluster.ts';
import { createKubernetesWorkloads } from '../../shared/adapters/kubernetes/workloads.ts';
import { createLedgerGpuLedger } from '../../shared/adapters/state/gpu-ledger.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { builtinCatalogue } from '../../shared/core/catalogue/gpu-catalogue.ts';
import { parseOptions } from '../../shared/middleware/parse-options.ts';
import { fixedClock, systemClock } from '../../shared/ports/clock.ts';
import type { RecommendDeps } from './deps.ts';

const envSchema = z.object({
  STATE_TABLE_NAME: z.string().min(1),
  /** A DynamoDB-compatible endpoint (dynalite locally); AWS otherwise. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  KAFKA_BOOTSTRAP_SERVER: z.string().min(1).transform((brokers) => brokers.split(',')),
  KUBECONFIG: z.string().optional(),
  METRICS_TOPIC: z.string().min(1).default('gpu-metrics'),
  DECISIONS_TOPIC: z.string().min(1).default('decisions'),
  DEAD_LETTER_TOPIC: z.string().min(1).default('dead-letter'),
  AUTOSCALE_TIME_ZONE: z.string().min(1).default('UTC'),
  /** A catalogue name; the GPU assumed for pods that name no known model. */
  DEFAULT_GPU_MODEL: z.string().refine((name) => builtinCatalogue.lookup(name) !== undefined, { error: 'name a GPU model of the catalogue' }).default('A100'),
  /** Freeze the clock at an ISO instant (replays and tests of cron windows). */
  AUTOSCALE_FIXED_TIME: z.iso.datetime().optional(),
});

const log: RecommendDeps['log'] = (level, message, fields = {}) =>
  console.error(JSON.stringify({ source: 'functions/recommend-resources', level, message, ...fields }));

/** Dependencies from `env`; throws `INVALID_INPUT` naming every bad variable. */
export function depsFromEnv(env: Readonly<Record<string, string | undefined>>): RecommendDeps {
  const parsed = parseOptions('recommend-resources environment', envSchema, env);
  const client = createDynamoDbClient({ region: parsed.AWS_REGION, ...(parsed.DYNAMODB_ENDPOINT === undefined ? {} : { endpoint: parsed.DYNAMODB_ENDPOINT }) });
  const access = parsed.KUBECONFIG === undefined || parsed.KUBECONFIG === '' ? { kind: 'in-cluster' as const } : { kind: 'kubeconfig-file' as const, path: parsed.KUBECONFIG };
  const model = builtinCatalogue.lookup(parsed.DEFAULT_GPU_MODEL);
  const store = createDynamoDbStateStore(client, parsed.STATE_TABLE_NAME);
  return {
    store,
    ledger: createLedgerGpuLedger(createLedgerStore(store)),
    cluster: createKubernetesCluster({ access }),
    workloads: createKubernetesWorkloads({ access }),
    publisher: createKafkaEventPublisher(createKafkaClient({ brokers: parsed.KAFKA_BOOTSTRAP_SERVER, clientId: 'recommend-resources' })),
    clock: parsed.AUTOSCALE_FIXED_TIME === undefined ? systemClock : fixedClock(parsed.AUTOSCALE_FIXED_TIME),
    newId: randomUUID,
    topics: { metrics: parsed.METRICS_TOPIC, decisions: parsed.DECISIONS_TOPIC, deadLetter: parsed.DEAD_LETTER_TOPIC },
    timeZone: parsed.AUTOSCALE_TIME_ZONE,
    defaultGpu: { vramBytes: model?.vramBytes ?? 0, tflops: (model?.fp16TflopsMilli ?? 0) / 1000 },
    log,
  };
}
