// The function's wiring from its environment; nothing connects until the first record.
import { z } from 'zod';
import { createDynamoDbClient } from '../../shared/adapters/dynamodb/client.ts';
import { createDynamoDbStateStore } from '../../shared/adapters/dynamodb/state-store.ts';
import { createKafkaClient } from '../../shared/adapters/kafka/client.ts';
import { createKafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { parseOptions } from '../../shared/middleware/parse-options.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import type { SyncInventoryDeps } from './handler.ts';

const envSchema = z.object({
  STATE_TABLE_NAME: z.string().min(1).default('vgpu-control-local'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:9092').transform((brokers) => brokers.split(',')),
  DEAD_LETTER_TOPIC: z.string().min(1).default('dead-letter'),
  GPU_INVENTORY_TOPICS: z.string().min(1).default('gpu-inventory').transform((topics) => topics.split(',')),
});

/** The dependencies from `env`; throws INVALID_INPUT naming each bad variable. */
export function syncDepsFromEnv(env: Readonly<Record<string, string | undefined>>): SyncInventoryDeps {
  const options = parseOptions('sync-inventory environment', envSchema, env);
  const client = createDynamoDbClient({ region: options.AWS_REGION, ...(options.DYNAMODB_ENDPOINT === undefined ? {} : { endpoint: options.DYNAMODB_ENDPOINT }) });
  return {
    ledgers: createLedgerStore(createDynamoDbStateStore(client, options.STATE_TABLE_NAME)),
    publisher: createKafkaEventPublisher(createKafkaClient({ brokers: options.KAFKA_BROKERS, clientId: 'sync-inventory' })),
    clock: systemClock,
    deadLetterTopic: options.DEAD_LETTER_TOPIC,
    topics: options.GPU_INVENTORY_TOPICS,
  };
}
