import kafkajs, { type Kafka, type Producer, type ProducerConfig, type ProducerRecord } from 'kafkajs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../schemas/events/any-event.ts';
import { buildDecision, buildMetrics } from '../../../test/fixtures/events.ts';
import { createKafkaEventPublisher, PRODUCER_CONFIG } from './producer.ts';

/** A kafkajs stand-in that records the producer config and every send; `fail` makes calls throw. */
function fakeKafka(fail: { connect?: Error; send?: Error } = {}) {
  const calls = { configs: [] as ProducerConfig[], connects: 0, sends: [] as ProducerRecord[], disconnects: 0 };
  const producer = {
    connect: async () => { calls.connects += 1; if (fail.connect) throw fail.connect; },
    send: async (record: ProducerRecord) => { if (fail.send) throw fail.send; calls.sends.push(record); return []; },
    disconnect: async () => { calls.disconnects += 1; },
  } as unknown as Producer;
  const kafka: Pick<Kafka, 'producer'> = { producer: (config?: ProducerConfig) => { calls.configs.push(config ?? {}); return producer; } };
  return { kafka, calls };
}

describe('Adapter: kafka createKafkaEventPublisher()', () => {
  it('creates an idempotent producer, one request in flight, no auto-created topics', () => {
    const { kafka, calls } = fakeKafka();
    createKafkaEventPublisher(kafka);
    expect(calls.configs).toEqual([PRODUCER_CONFIG]);
    expect(PRODUCER_CONFIG).toMatchObject({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  });

  it('sends all events of a call in one acks=-1 send, keyed and with headers, connecting once', async () => {
    const { kafka, calls } = fakeKafka();
    const publisher = createKafkaEventPublisher(kafka);
    const events: AnyEvent[] = [buildDecision('allocation.placed'), buildDecision('scaling.applied')];
    await publisher.publish('decisions', events);
    await publisher.publish('gpu-metrics', [buildMetrics()]);
    await publisher.publish('decisions', []);
    expect(calls.connects).toBe(1);
    expect(calls.sends.map((send) => [send.topic, send.acks, send.messages.map((message) => message.key)])).toEqual([
      ['decisions', -1, ['prod-eu-1/a100', 'prod-eu-1/a100']],
      ['gpu-metrics', -1, ['prod-eu-1/gpu-node-1']],
    ]);
    expect(calls.sends[0]?.messages[0]?.headers).toEqual({ 'ce-type': 'allocation.placed', 'ce-id': events[0]?.id, 'content-type': 'application/json' });
  });

  it('gzips the values of gzipTopics only, each with content-encoding: gzip', async () => {
    const { kafka, calls } = fakeKafka();
    const publisher = createKafkaEventPublisher(kafka, { gzipTopics: ['gpu-metrics'] });
    await publisher.publish('gpu-metrics', [buildMetrics()]);
    await publisher.publish('decisions', [buildDecision('allocation.placed')]);
    const [metrics, decision] = calls.sends.map((send) => send.messages[0]);
    expect(metrics?.headers).toMatchObject({ 'ce-type': 'gpu.metrics', 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(JSON.parse(gunzipSync(metrics?.value as Buffer).toString('utf8'))).toEqual(buildMetrics());
    expect(decision?.headers).not.toHaveProperty('content-encoding');
    expect(typeof decision?.value).toBe('string');
  });

  it('translates a failed send and a failed connect, and connects again after a failed connect', async () => {
    const refused = new kafkajs.KafkaJSConnectionError('connect ECONNREFUSED', { broker: 'b:9092' });
    const down = fakeKafka({ connect: refused });
    const publisher = createKafkaEventPublisher(down.kafka);
    await expect(publisher.publish('decisions', [buildDecision('allocation.placed')])).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', message: expect.stringContaining('kafka connect failed') });
    await expect(publisher.publish('decisions', [buildDecision('allocation.placed')])).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    expect(down.calls.connects).toBe(2);
    const tooBig = fakeKafka({ send: new kafkajs.KafkaJSProtocolError({ message: 'too large', type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false } as never) });
    await expect(createKafkaEventPublisher(tooBig.kafka).publish('decisions', [buildDecision('allocation.placed')]))
      .rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('kafka send to decisions failed') });
  });

  it('refuses an invalid event before connecting', async () => {
    const { kafka, calls } = fakeKafka();
    const invalid = { ...buildMetrics(), id: 'nope' } as AnyEvent;
    await expect(createKafkaEventPublisher(kafka).publish('gpu-metrics', [invalid])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('event.id must be a UUID') });
    expect(calls.connects).toBe(0);
  });

  it('disconnects', async () => {
    const { kafka, calls } = fakeKafka();
    await createKafkaEventPublisher(kafka).disconnect();
    expect(calls.disconnects).toBe(1);
  });
});
