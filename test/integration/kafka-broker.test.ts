// A real Apache Kafka 4.x broker (KRaft, one node) driven by kafkajs 2.2.4: the calls the control plane
// relies on, and a restart on the same state folder. KIP-896 removed old protocol versions in Kafka 4.0;
// kafkajs tops out at e.g. DeleteTopics v1 and Metadata v6 (anchors-and-conventions §D6), so every call
// kind is exercised here rather than assumed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type EachBatchPayload } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafka, stopKafka, type KafkaBroker } from '../../infra/local/kafka/start.ts';

const TOPIC = 'gpu-metrics';
const SCRATCH = 'scratch-topic';
const GROUP = 'vgpu-it';
const KEYS = ['gpu-0', 'gpu-1', 'gpu-2', 'gpu-3'] as const;
const MESSAGES = 12;

interface Received { readonly key: string; readonly value: string; readonly seq: string; readonly partition: number; readonly offset: string }

function client(broker: KafkaBroker): Kafka {
  return new Kafka({ clientId: 'vgpu-it', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 200 } });
}

async function withAdmin<T>(broker: KafkaBroker, use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = client(broker).admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Consume `TOPIC` with eachBatch, resolving, heartbeating and committing as the kafkajs docs describe. */
async function consume(options: { broker: KafkaBroker; groupId: string; into: Received[] }): Promise<Consumer> {
  const consumer = client(options.broker).consumer({ groupId: options.groupId, heartbeatInterval: 500, sessionTimeout: 10_000, maxWaitTimeInMs: 250 });
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
  await consumer.run({
    autoCommitThreshold: 1,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload) => {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        options.into.push({
          key: message.key?.toString() ?? '', value: message.value?.toString() ?? '',
          seq: message.headers?.['seq']?.toString() ?? '', partition: batch.partition, offset: message.offset,
        });
        resolveOffset(message.offset);
        await heartbeat();
      }
      await commitOffsetsIfNecessary();
    },
  });
  return consumer;
}

async function committedTotal(broker: KafkaBroker, groupId: string): Promise<number> {
  const offsets = await withAdmin(broker, (admin) => admin.fetchOffsets({ groupId, topics: [TOPIC] }));
  return offsets.flatMap((topic) => topic.partitions).reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
}

describe('Integration: Kafka broker', () => {
  const root = mkdtempSync(join(tmpdir(), 'vgpu-kafka-it-'));
  const dirs = { stateDir: join(root, 'state'), logDir: join(root, 'logs') };
  let broker: KafkaBroker;

  beforeAll(async () => {
    broker = await startKafka(dirs);
  }, 300_000);

  afterAll(async () => {
    await stopKafka(broker);
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('runs a Kafka 4.x broker on loopback', () => {
    expect(broker.version).toMatch(/^4\./);
    expect(broker.bootstrap).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('creates, describes, lists and deletes topics (CreateTopics, Metadata, DeleteTopics)', async () => {
    await withAdmin(broker, async (admin) => {
      const created = await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }, { topic: SCRATCH, numPartitions: 2 }], waitForLeaders: true });
      expect(created).toBe(true);
      const metadata = await admin.fetchTopicMetadata({ topics: [TOPIC] });
      expect(metadata.topics[0]?.partitions.map((partition) => partition.partitionId).sort()).toEqual([0, 1, 2]);
      expect(await admin.listTopics()).toEqual(expect.arrayContaining([TOPIC, SCRATCH]));
      await admin.deleteTopics({ topics: [SCRATCH], timeout: 10_000 });
      await waitFor('the scratch topic to go', async () => !(await admin.listTopics()).includes(SCRATCH));
    });
  }, 60_000);

  it('accepts keyed messages with headers from an idempotent producer (acks -1)', async () => {
    const producer = client(broker).producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const messages = Array.from({ length: MESSAGES }, (_, seq) => ({
      key: KEYS[seq % KEYS.length] ?? 'gpu-x', value: JSON.stringify({ seq, smUtil: seq * 5 }), headers: { source: 'it', seq: String(seq) },
    }));
    const records = await producer.send({ topic: TOPIC, acks: -1, messages });
    await producer.disconnect();
    expect(records.every((record) => record.errorCode === 0)).toBe(true);
    expect(records.length).toBeGreaterThan(1);
  }, 60_000);

  it('consumes from the beginning with eachBatch, commits, and reports the group (OffsetFetch, DescribeGroups)', async () => {
    const received: Received[] = [];
    const consumer = await consume({ broker, groupId: GROUP, into: received });
    await waitFor('all messages', () => received.length >= MESSAGES);
    await waitFor('committed offsets', async () => (await committedTotal(broker, GROUP)) === MESSAGES);
    const { groups } = await withAdmin(broker, (admin) => admin.describeGroups([GROUP]));
    expect(groups[0]).toMatchObject({ groupId: GROUP, state: 'Stable', protocolType: 'consumer' });
    expect(groups[0]?.members).toHaveLength(1);
    await consumer.disconnect();
    expect(received).toHaveLength(MESSAGES);
    for (const key of KEYS) {
      const seqs = received.filter((message) => message.key === key).map((message) => Number(message.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(received.filter((message) => message.key === key).map((message) => message.partition)).size).toBe(1);
    }
  }, 90_000);

  it('keeps topics, messages and committed offsets across a restart on the same state folder', async () => {
    const bootstrap = broker.bootstrap;
    await stopKafka(broker);
    broker = await startKafka(dirs);
    expect(broker.bootstrap).toBe(bootstrap);
    expect(broker.timingsMs.format).toBe(0);
    expect(await withAdmin(broker, (admin) => admin.listTopics())).toContain(TOPIC);
    expect(await committedTotal(broker, GROUP)).toBe(MESSAGES);
    const ends = await withAdmin(broker, (admin) => admin.fetchTopicOffsets(TOPIC));
    expect(ends.reduce((sum, partition) => sum + Number(partition.high), 0)).toBe(MESSAGES);

    const replay: Received[] = [];
    const fresh = await consume({ broker, groupId: `${GROUP}-replay`, into: replay });
    await waitFor('the replayed messages', () => replay.length >= MESSAGES);
    await fresh.disconnect();
    expect(replay.map((message) => message.seq).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: MESSAGES }, (_, seq) => String(seq)));

    const producer = client(broker).producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: 'gpu-0', value: 'after-restart', headers: { seq: String(MESSAGES) } }] });
    await producer.disconnect();
    const resumed: Received[] = [];
    const consumer = await consume({ broker, groupId: GROUP, into: resumed });
    await waitFor('the message produced after the restart', () => resumed.length >= 1);
    await waitFor('its commit', async () => (await committedTotal(broker, GROUP)) === MESSAGES + 1);
    await consumer.disconnect();
    expect(resumed.map((message) => message.value)).toEqual(['after-restart']);
  }, 180_000);
});
