// Several clusters on one Kafka (agents/function-runner/README.md): two clusters' node-agents publish to one
// gpu-inventory topic; each cluster runs sync-inventory in its own runner and consumer group with its
// CLUSTER_ID. Each ledger is written by its own cluster's runner only, and both runners acknowledge the
// other cluster's records (their groups reach the end of the topic) without writing them.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { createKafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { buildGpu, buildInventory, eventId } from '../fixtures/events.ts';
import { createTestTable, createTopic, startRunnerProcess, testKafka, uniqueName, waitFor, type RunnerProcess, type TestTable } from '../fixtures/handlers/harness.ts';

const stack = inject('stack');
const run = uniqueName('scope');
const clusters = [`${run}-a`, `${run}-b`] as const;
const topics = { inventory: `${run}-gpu-inventory`, deadLetter: `${run}-dlt` };
const kafka = testKafka(stack.kafka.bootstrap);
const runners: RunnerProcess[] = [];
let tables: TestTable[] = [];
let admin: Admin;

beforeAll(async () => {
  for (const topic of Object.values(topics)) await createTopic(kafka, topic, 1);
  admin = kafka.admin();
  await admin.connect();
}, 60_000);

afterAll(async () => {
  for (const runner of runners) runner.child.kill('SIGKILL');
  await admin?.disconnect();
  for (const table of tables) table.client.destroy();
}, 60_000);

/** sync-inventory for `clusterId` in its own group, writing to `table`. */
function scopedRunner(clusterId: string, table: TestTable): RunnerProcess {
  const runner = startRunnerProcess([
    '--handler', 'functions/sync-inventory/handler.ts#handler', '--name', 'sync-inventory', '--topic', topics.inventory, '--group', `${clusterId}-sync`,
    '--brokers', stack.kafka.bootstrap, '--batch-window-ms', '20', '--dead-letter-topic', topics.deadLetter, '--starting-position', 'TRIM_HORIZON',
  ], {
    STATE_TABLE_NAME: table.name, DYNAMODB_ENDPOINT: stack.dynamodb.endpoint, KAFKA_BROKERS: stack.kafka.bootstrap,
    DEAD_LETTER_TOPIC: topics.deadLetter, GPU_INVENTORY_TOPICS: topics.inventory, CLUSTER_ID: clusterId,
  });
  runners.push(runner);
  return runner;
}

/** The committed offset of `group` on the topic's one partition (-1 before any commit). */
async function committed(group: string): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topics.inventory] });
  return Number(offsets?.partitions[0]?.offset ?? -1);
}

describe('Integration: one runner per cluster on a shared topic (CLUSTER_ID)', () => {
  it('each cluster\'s runner writes its own cluster\'s ledgers and acknowledges the other\'s records untouched', async () => {
    tables = [await createTestTable(stack.dynamodb.endpoint), await createTestTable(stack.dynamodb.endpoint)];
    const publisher = createKafkaEventPublisher(kafka);
    // Alternate the clusters' records on the one partition: a, b, a, b.
    const events = [0, 1, 2, 3].map((n) => {
      const clusterId = clusters[n % 2] as string;
      const node = `node-${n}`;
      const inventory = buildInventory([buildGpu(0)], { clusterId, id: eventId(n + 1), source: `node-agent/${node}` });
      return { clusterId, node, event: { ...inventory, data: { ...inventory.data, node } } };
    });
    await publisher.publish(topics.inventory, events.map((e) => e.event));
    await publisher.disconnect();
    clusters.forEach((clusterId, index) => scopedRunner(clusterId, tables[index] as TestTable));
    await waitFor('both groups to commit the whole topic', async () => (await committed(`${clusters[0]}-sync`)) === 4 && (await committed(`${clusters[1]}-sync`)) === 4, 60_000);
    for (const [index, clusterId] of clusters.entries()) {
      const ledgers = createLedgerStore((tables[index] as TestTable).store);
      for (const { clusterId: owner, node } of events) {
        const ledger = await ledgers.getLedger(owner, node);
        expect(ledger === undefined ? `${owner}/${node} absent` : `${owner}/${node} written`).toBe(owner === clusterId ? `${owner}/${node} written` : `${owner}/${node} absent`);
      }
    }
  }, 120_000);
});
