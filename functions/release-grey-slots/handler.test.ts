import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { replicaSetOwner, replicaSetPod } from '../../test/fixtures/admission/reviews.ts';
import { buildClusterEvent } from '../../test/fixtures/events.ts';
import { toLambdaKafkaEvent, type ConsumedRecord } from '../../shared/adapters/kafka/lambda-event.ts';
import { createMemoryCluster } from '../../shared/adapters/memory/cluster.ts';
import { AppError } from '../../shared/core/errors.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { EventPublisher } from '../../shared/ports/event-publisher.ts';
import type { AnyEvent } from '../../shared/schemas/events/any-event.ts';
import type { PodObject } from '../../shared/schemas/events/kube-objects.ts';
import { createReleaseGreySlotsHandler } from './handler.ts';

const KEY = 'tensor-fusion.ai/tf-counter-7d9f8b6c5d';
const marked = (token: string, name: string) => {
  const pod = replicaSetPod({ annotations: { 'tensor-fusion.ai/pod-counter-key': `${KEY}#${token}` } }) as Record<string, Record<string, unknown>>;
  return { ...pod, metadata: { ...pod['metadata'], name, uid: `uid-${name}`, resourceVersion: '7' } } as unknown as PodObject;
};
const record = (offset: number, value: unknown): ConsumedRecord =>
  ({ topic: 'cluster-events', partition: 0, offset: String(offset), timestamp: '0', key: 'lab/default-pool', value: typeof value === 'string' ? value : JSON.stringify(value) });
const lambdaEvent = (...records: ConsumedRecord[]) => toLambdaKafkaEvent(records, { eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9092' });

function setup(slots: string) {
  const cluster = createMemoryCluster({ owners: [replicaSetOwner({ annotations: { [KEY]: slots } })] });
  const sent: AnyEvent[] = [];
  const publisher: EventPublisher = { publish: async (_topic, events) => { sent.push(...events); } };
  const handler = createReleaseGreySlotsHandler({ cluster, publisher, deadLetterTopic: 'dead-letter', clock: fixedClock('2026-11-28T00:00:00Z') });
  return { cluster, sent, handler, slots: () => cluster.owner(replicaSetOwner().reference)?.annotations[KEY] };
}

describe('Handler: release-grey-slots', () => {
  it.each([
    { name: 'a deleted holder frees its slot', events: [buildClusterEvent('pod.deleted', marked('a', 'p-a'))], left: 'b' },
    { name: 'a redelivered delete frees nothing more', events: [buildClusterEvent('pod.deleted', marked('a', 'p-a')), buildClusterEvent('pod.deleted', marked('a', 'p-a'))], left: 'b' },
    { name: 'an upsert of a holder frees nothing', events: [buildClusterEvent('pod.upserted', marked('a', 'p-a'))], left: 'a,b' },
    { name: 'two deletes in one batch free both', events: [buildClusterEvent('pod.deleted', marked('a', 'p-a')), buildClusterEvent('pod.deleted', marked('b', 'p-b'))], left: undefined },
  ])('$name', async ({ events, left }) => {
    const { handler, slots, sent } = setup('a,b');
    const response = await handler(lambdaEvent(...events.map((event, at) => record(at, event))), {} as Context);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(slots()).toBe(left);
    expect(sent).toEqual([]);
  });

  it('dead-letters an undecodable record and still frees the slot of the good one after it', async () => {
    const { handler, slots, sent } = setup('a,b');
    const response = await handler(lambdaEvent(record(0, '{not json'), record(1, buildClusterEvent('pod.deleted', marked('a', 'p-a')))), {} as Context);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(slots()).toBe('b');
    expect(sent).toEqual([expect.objectContaining({ type: 'dead-letter', source: 'functions/release-grey-slots', data: expect.objectContaining({ offset: 0 }) })]);
  });

  it('reports a release the API server could not take as a retryable failure of that record', async () => {
    const { cluster, handler } = setup('a,b');
    cluster.updateOwnerAnnotations = () => Promise.reject(new AppError('DEPENDENCY_UNAVAILABLE', 'apiserver down'));
    const response = await handler(lambdaEvent(record(4, buildClusterEvent('pod.deleted', marked('a', 'p-a')))), {} as Context);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: { partition: 'cluster-events-0', offset: 4 } }] });
  });
});

describe('Handler: release-grey-slots entry point', () => {
  it('reads its environment on the first event and names what is missing', async () => {
    const { handler } = await import('./handler.ts');
    const saved = process.env['KAFKA_BROKERS'];
    delete process.env['KAFKA_BROKERS'];
    try {
      await expect(async () => handler(lambdaEvent(), {} as Context)).rejects.toThrow(/release-grey-slots environment option KAFKA_BROKERS must be/);
    } finally {
      if (saved !== undefined) process.env['KAFKA_BROKERS'] = saved;
    }
  });
});
