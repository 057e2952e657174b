import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { TOPICS } from '../../../infra/topics.ts';
import { provisionTopics, toTopicConfig } from './provision-topics.ts';

/** An admin stand-in over a broker that has `existing` topics (name → partition count). */
function fakeKafka(existing: Record<string, number>, fail?: Error) {
  const created: ITopicConfig[][] = [];
  const admin = {
    connect: async () => { if (fail) throw fail; },
    disconnect: async () => undefined,
    listTopics: async () => Object.keys(existing),
    createTopics: async ({ topics }: { topics: ITopicConfig[] }) => { created.push(topics); return true; },
    fetchTopicMetadata: async ({ topics }: { topics: string[] }) =>
      ({ topics: topics.map((name) => ({ name, partitions: Array.from({ length: existing[name] ?? 0 }, (_unused, partitionId) => ({ partitionId })) })) }),
  } as unknown as Admin;
  const kafka: Pick<Kafka, 'admin'> = { admin: () => admin };
  return { kafka, created };
}

describe('Adapter: kafka provisionTopics()', () => {
  it('creates every missing topic with its partitions and configs, and reports the rest', async () => {
    const { kafka, created } = fakeKafka({ 'cluster-events': 12, 'gpu-metrics': 6 });
    const result = await provisionTopics(kafka, { replicationFactor: 3 });
    expect(result).toEqual({
      created: ['gpu-inventory', 'decisions', 'dead-letter'],
      existing: ['cluster-events', 'gpu-metrics'],
      mismatched: [{ name: 'gpu-metrics', partitions: 6, expected: 12 }],
    });
    expect(created).toHaveLength(1);
    expect(created[0]?.find((topic) => topic.topic === 'dead-letter')).toEqual({
      topic: 'dead-letter', numPartitions: 3, replicationFactor: 3,
      configEntries: [{ name: 'cleanup.policy', value: 'delete' }, { name: 'retention.ms', value: String(TOPICS['dead-letter'].retentionMs) }, { name: 'max.message.bytes', value: '4194304' }],
    });
  });

  it('is idempotent: a second run creates nothing', async () => {
    const { kafka, created } = fakeKafka(Object.fromEntries(Object.values(TOPICS).map((topic) => [topic.name, topic.partitions])));
    await expect(provisionTopics(kafka, { replicationFactor: 1 })).resolves.toMatchObject({ created: [], mismatched: [] });
    expect(created).toEqual([]);
  });

  it('translates a broker that is away', async () => {
    const { kafka } = fakeKafka({}, new kafkajs.KafkaJSConnectionError('ECONNREFUSED'));
    await expect(provisionTopics(kafka, { replicationFactor: 1 })).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', message: expect.stringContaining('provision topics') });
  });

  it.each([{ name: 'zero', replicationFactor: 0 }, { name: 'a fraction', replicationFactor: 1.5 }])('refuses a replication factor of $name', async ({ replicationFactor }) => {
    await expect(provisionTopics(fakeKafka({}).kafka, { replicationFactor })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('replicationFactor') });
  });

  it('leaves max.message.bytes to the broker where a topic does not set it', () => {
    expect(toTopicConfig(TOPICS['gpu-metrics'], 1).configEntries?.map((entry) => entry.name)).toEqual(['cleanup.policy', 'retention.ms']);
  });
});
