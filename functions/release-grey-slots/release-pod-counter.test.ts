import { describe, expect, it } from 'vitest';
import { replicaSetOwner, replicaSetPod } from '../../test/fixtures/admission/reviews.ts';
import { createMemoryCluster } from '../../shared/adapters/memory/cluster.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { KafkaBatch, KafkaRecord } from '../../shared/middleware/kafka-batch.ts';
import type { Cluster } from '../../shared/ports/cluster.ts';
import type { ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import { releasePodCounter, releasePodCounters } from './release-pod-counter.ts';

const KEY = 'tensor-fusion.ai/tf-counter-7d9f8b6c5d';
const marked = (token: string) => replicaSetPod({ annotations: { 'tensor-fusion.ai/pod-counter-key': `${KEY}#${token}` } });
const withSlots = (value: string) => createMemoryCluster({ owners: [replicaSetOwner({ annotations: { [KEY]: value, other: 'kept' } })] });

describe('Function: releasePodCounter()', () => {
  it.each([
    { name: 'a holder gives its slot back', pod: marked('a'), slots: 'a,b', outcome: { kind: 'released', owner: 'ReplicaSet default/pytorch-example-7d9f8b6c5d', key: KEY }, after: { [KEY]: 'b', other: 'kept' } },
    { name: 'the last holder removes the annotation', pod: marked('a'), slots: 'a', outcome: { kind: 'released' }, after: { other: 'kept' } },
    { name: 'a repeated delete event changes nothing', pod: marked('a'), slots: 'b', outcome: { kind: 'skipped', reason: 'not-listed' }, after: { [KEY]: 'b', other: 'kept' } },
    { name: 'an unmarked pod changes nothing', pod: replicaSetPod(), slots: 'a', outcome: { kind: 'skipped', reason: 'not-marked' }, after: { [KEY]: 'a', other: 'kept' } },
    { name: 'an unreadable pod changes nothing', pod: { metadata: { annotations: { x: 1 } } }, slots: 'a', outcome: { kind: 'skipped', reason: 'not-marked' }, after: { [KEY]: 'a', other: 'kept' } },
  ])('$name', async ({ pod, slots, outcome, after }) => {
    const cluster = withSlots(slots);
    expect(await releasePodCounter(pod, cluster)).toMatchObject(outcome);
    expect(cluster.owner(replicaSetOwner().reference)?.annotations).toEqual(after);
  });

  it.each([
    { name: 'without a controller owner', pod: { ...marked('a'), metadata: { ...marked('a')['metadata'] as object, ownerReferences: [] } }, reason: 'no-owner' },
    { name: 'without a namespace', pod: { ...marked('a'), metadata: { ...marked('a')['metadata'] as object, namespace: undefined } }, reason: 'no-owner' },
  ])('skips a pod $name', async ({ pod, reason }) => {
    expect(await releasePodCounter(pod, withSlots('a'))).toEqual({ kind: 'skipped', reason });
  });

  it('skips when the owner is gone (the count went with it)', async () => {
    expect(await releasePodCounter(marked('a'), createMemoryCluster())).toEqual({ kind: 'skipped', reason: 'owner-gone' });
  });

  it('retries a lost race on a fresh read, and gives up after maxAttempts', async () => {
    const cluster = withSlots('a,b');
    let raced = false;
    const racing: Cluster = { ...cluster, updateOwnerAnnotations: async (update) => {
      if (!raced) {
        raced = true;
        await cluster.updateOwnerAnnotations({ ...update, annotations: { [KEY]: 'a,b,c' } });
      }
      return cluster.updateOwnerAnnotations(update);
    } };
    expect(await releasePodCounter(marked('a'), racing)).toMatchObject({ kind: 'released' });
    expect(cluster.owner(replicaSetOwner().reference)?.annotations[KEY]).toBe('b,c');
    const losing: Cluster = { ...cluster, getOwner: () => Promise.resolve({ ...replicaSetOwner({ annotations: { [KEY]: 'b' } }) }), updateOwnerAnnotations: () => Promise.reject(new AppError('VERSION_CONFLICT', 'raced')) };
    await expect(releasePodCounter(marked('b'), losing, 2)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
  });
});

describe('Function: releasePodCounters() — Kafka handler body for cluster-events', () => {
  const record = (offset: number, value: unknown): KafkaRecord<ClusterEvent> => ({
    topic: 'cluster-events', partition: 0, offset, itemIdentifier: { partition: 'cluster-events-0', offset },
    key: 'c1/pool', headers: {}, timestamp: 0, value: value as ClusterEvent, raw: {},
  });
  const event = (type: string, object: unknown) => ({ specversion: 1, id: 'id', type, clusterId: 'c1', time: '2026-01-01T00:00:00Z', source: 'cluster-agent', data: { object } });
  const batch = (...records: KafkaRecord<ClusterEvent>[]): KafkaBatch<ClusterEvent> => ({ kind: 'kafka-batch', eventSource: 'SelfManagedKafka', records, rejected: [] });

  it('releases the slot of every deleted pod, ignores other events, and is safe to redeliver', async () => {
    const cluster = withSlots('a,b');
    const body = releasePodCounters(cluster);
    const events = batch(record(1, event('pod.deleted', marked('a'))), record(2, event('pod.upserted', marked('b'))), record(3, event('pod.deleted', marked('a'))));
    expect(await body(events)).toBeUndefined();
    expect(await body(events)).toBeUndefined();
    expect(cluster.owner(replicaSetOwner().reference)?.annotations[KEY]).toBe('b');
  });

  it('lists a record whose release failed, with its AppError', async () => {
    const cluster: Cluster = { ...withSlots('a'), getOwner: () => Promise.reject(new AppError('DEPENDENCY_UNAVAILABLE', 'apiserver down')) };
    const outcome = await releasePodCounters(cluster)(batch(record(7, event('pod.deleted', marked('a')))));
    expect(outcome?.failed.map((failure) => [failure.itemIdentifier.offset, failure.error.code])).toEqual([[7, 'DEPENDENCY_UNAVAILABLE']]);
  });
});
