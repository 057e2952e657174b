// The function's wiring from its environment; nothing connects until the first record.
import { functionEnv, functionEnvSchema, publisherOf, stateStoreOf, topicList } from '../../shared/adapters/function-env.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import type { SyncInventoryDeps } from './handler.ts';

const envSchema = functionEnvSchema.extend({ GPU_INVENTORY_TOPICS: topicList('gpu-inventory') });

/** The dependencies from `env`; throws INVALID_INPUT naming each bad variable. */
export function syncDepsFromEnv(env: Readonly<Record<string, string | undefined>>): SyncInventoryDeps {
  const options = functionEnv('sync-inventory', env, envSchema);
  return {
    ledgers: createLedgerStore(stateStoreOf(options)),
    publisher: publisherOf(options, 'sync-inventory'),
    clock: systemClock,
    deadLetterTopic: options.DEAD_LETTER_TOPIC,
    topics: options.GPU_INVENTORY_TOPICS,
    clusterId: options.CLUSTER_ID,
  };
}
