// The project's Kafka adapter (kafkajs) against the stack's real Kafka 4.x broker: topic provisioning
// from infra/topics.ts, the idempotent event publisher (keys by ARCHITECTURE §1, CloudEvents-style
// headers) and a consumer group reading the events back in per-key order.
import type { Kafka } from 'kafkajs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ALL_TOPICS, TOPICS } from '../../infra/topics.ts';
import { createKafkaClient } from '../../shared/adapters/kafka/client.ts';
import { createKafkaConsumer } from '../../shared/adapters/kafka/consumer.ts';
import { messageJson } from '../../shared/adapters/kafka/message-json.ts';
import { createKafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import { provisionTopics } from '../../shared/adapters/kafka/provision-topics.ts';
import { buildClusterEvent, buildPod, eventId } from '../fixtures/events.ts';
import { keyFor } from '../../shared/schemas/events/key-for.ts';

describe('Integration: Kafka adapter on the real broker', () => {
  let kafka: Kafka;
  beforeAll(() => {
    kafka = createKafkaClient({ brokers: [inject('stack').kafka.bootstrap], clientId: `adapter-it-${process.pid}` });
  });

  it('provisions every topic with its partition count, and a second run finds them all', async () => {
    await provisionTopics(kafka, { replicationFactor: 1 });
    const again = await provisionTopics(kafka, { replicationFactor: 1 });
    expect([...again.existing].sort()).toEqual(ALL_TOPICS.map((topic) => topic.name).sort());
    expect(again.created).toEqual([]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [TOPICS['cluster-events'].name, TOPICS['dead-letter'].name] });
      expect(metadata.topics.map((topic) => [topic.name, topic.partitions.length]).sort()).toEqual([['cluster-events', 12], ['dead-letter', 3]]);
    } finally {
      await admin.disconnect();
    }
  }, 60_000);

  it('reports, and leaves alone, a topic whose partition count differs', async () => {
    const spec = { ...TOPICS.decisions, name: `decisions-mismatch-${process.pid}`, partitions: 2 };
    await provisionTopics(kafka, { replicationFactor: 1, topics: [spec] });
    const result = await provisionTopics(kafka, { replicationFactor: 1, topics: [{ ...spec, partitions: 4 }] });
    expect(result.mismatched).toEqual([{ name: spec.name, partitions: 2, expected: 4 }]);
  }, 60_000);

  it('publishes events keyed by pool and reads them back in order with their headers', async () => {
    const topic = TOPICS['cluster-events'].name;
    const run = `${process.pid}-${Date.now()}`;
    const events = Array.from({ length: 20 }, (_, n) => buildClusterEvent('pod.upserted', buildPod({ name: `p-${n}`, pool: n % 2 === 0 ? 'even' : 'odd' }), { id: eventId(n + 1), source: `adapter-it-${run}` }));
    await provisionTopics(kafka, { replicationFactor: 1, topics: [TOPICS['cluster-events']] });
    const publisher = createKafkaEventPublisher(kafka);
    await publisher.publish(topic, events);
    await publisher.disconnect();

    const seen: { key: string; name: string; type: string | undefined }[] = [];
    const consumer = createKafkaConsumer(kafka, { groupId: `adapter-it-${run}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const value = (messageJson(message) ?? {}) as { source?: string; data?: { object?: { metadata?: { name?: string } } } };
          if (value.source !== `adapter-it-${run}`) return;
          seen.push({ key: message.key?.toString() ?? '', name: value.data?.object?.metadata?.name ?? '', type: message.headers?.['ce-type']?.toString() });
          if (seen.length === events.length) resolve();
        },
      });
    });
    await done;
    await consumer.disconnect();

    expect(new Set(seen.map((entry) => entry.key))).toEqual(new Set(['prod-eu-1/even', 'prod-eu-1/odd']));
    expect(seen.every((entry) => entry.type === 'pod.upserted')).toBe(true);
    for (const pool of ['even', 'odd']) {
      const expected = events.filter((event) => keyFor(event) === `prod-eu-1/${pool}`).map((event) => event.data.object.metadata.name);
      expect(seen.filter((entry) => entry.key === `prod-eu-1/${pool}`).map((entry) => entry.name)).toEqual(expected);
    }
  }, 60_000);

});
