// GPU inventory (ARCHITECTURE §1): `gpu-node.inventory` events from the node-agents → node ledgers (one
// item per GPU node: its GPUs' capacity and every allocation on them, with a version). See README.md.
import middy from '@middy/core';
import type { LedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { kafkaBatchHandler } from '../../shared/middleware/batch-handler.ts';
import { kafkaBatchResponse } from '../../shared/middleware/batch-response.ts';
import { deadLetter } from '../../shared/middleware/dead-letter.ts';
import { decodeKafkaRecords } from '../../shared/middleware/decode-kafka-records.ts';
import { toAppError } from '../../shared/middleware/error-mapping.ts';
import type { KafkaBatchResponse, RecordFailure } from '../../shared/middleware/kafka-batch.ts';
import type { LambdaKafkaEvent } from '../../shared/middleware/kafka-event-schema.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type { EventPublisher } from '../../shared/ports/event-publisher.ts';
import { gpuInventoryEventSchema, type GpuInventoryEvent } from '../../shared/schemas/events/gpu-inventory.ts';
import { syncDepsFromEnv } from './from-env.ts';
import { recordInventory } from './record-inventory.ts';
import { lazyHandler } from '../../shared/middleware/lazy-handler.ts';

/** What the function is wired to. */
export interface SyncInventoryDeps {
  readonly ledgers: LedgerStore;
  readonly publisher: EventPublisher;
  readonly clock: Clock;
  readonly deadLetterTopic: string;
  readonly topics?: readonly string[];
  /** The one cluster acted for (`CLUSTER_ID`); every cluster's records when absent. */
  readonly clusterId?: string | undefined;
}

/** The handler wired to `deps`. Records are independent (one node each), so a failure stops nothing else. */
export function createSyncInventoryHandler(deps: SyncInventoryDeps) {
  return middy<LambdaKafkaEvent, KafkaBatchResponse>()
    .use(kafkaBatchResponse())
    .use(deadLetter({ publisher: deps.publisher, clock: deps.clock, topic: deps.deadLetterTopic, source: 'functions/sync-inventory' }))
    .use(decodeKafkaRecords({ schemas: Object.fromEntries((deps.topics ?? ['gpu-inventory']).map((topic) => [topic, gpuInventoryEventSchema])), clusterId: deps.clusterId }))
    .handler(kafkaBatchHandler<GpuInventoryEvent>(async (batch) => {
      const failed: RecordFailure[] = [];
      for (const record of batch.records) {
        await recordInventory(record.value, deps.ledgers).catch((error: unknown) => failed.push({ itemIdentifier: record.itemIdentifier, error: toAppError(error) }));
      }
      return failed.length === 0 ? undefined : { failed };
    }));
}

/** The Lambda entry point (`serverless.yml`: functions/sync-inventory/handler.handler). */
export const handler = lazyHandler(() => createSyncInventoryHandler(syncDepsFromEnv(process.env)));
