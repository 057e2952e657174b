// Consumer lag per partition: the end of each partition minus the group's committed offset, the number
// KEDA's Kafka scaler and Lambda's poller scaling watch (reference §B7, §B10).
import type { Admin, Kafka } from 'kafkajs';
import { translateKafkaError } from '../../shared/adapters/kafka/translate-error.ts';
import type { LagSample } from './metrics.ts';

/** A group's committed offsets, as kafkajs `admin.fetchOffsets` gives them ("-1" when none). */
export type CommittedOffsets = readonly { readonly topic: string; readonly partitions: readonly { readonly partition: number; readonly offset: string }[] }[];
/** Each partition's earliest (`low`) and next (`high`) offset, by topic, as `admin.fetchTopicOffsets` gives them. */
export type PartitionEnds = ReadonlyMap<string, readonly { readonly partition: number; readonly high: string; readonly low: string }[]>;

/** Lag per partition; a partition the group never committed counts from its earliest offset. */
export function computeLag(committed: CommittedOffsets, ends: PartitionEnds): LagSample[] {
  const samples: LagSample[] = [];
  for (const [topic, partitions] of ends) {
    const offsets = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
    for (const { partition, high, low } of partitions) {
      const offset = Number(offsets.find((entry) => entry.partition === partition)?.offset ?? -1);
      samples.push({ topic, partition, lag: Math.max(0, Number(high) - (offset < 0 ? Number(low) : offset)) });
    }
  }
  return samples.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
}

/** Reads lag through one admin connection, opened on first use. */
export interface LagReader {
  read(): Promise<LagSample[]>;
  close(): Promise<void>;
}

/** A {@link LagReader} for group `groupId` on `topics`. Errors are `AppError`s (`DEPENDENCY_UNAVAILABLE` when the broker is away). */
export function createLagReader(kafka: Pick<Kafka, 'admin'>, target: { readonly groupId: string; readonly topics: readonly string[] }): LagReader {
  let admin: Admin | undefined;
  const connected = async (): Promise<Admin> => {
    if (admin !== undefined) return admin;
    const fresh = kafka.admin();
    await fresh.connect();
    admin = fresh;
    return fresh;
  };
  return {
    async read() {
      try {
        const client = await connected();
        const committed = await client.fetchOffsets({ groupId: target.groupId, topics: [...target.topics] });
        const ends = new Map(await Promise.all(target.topics.map(async (topic) => [topic, await client.fetchTopicOffsets(topic)] as const)));
        return computeLag(committed, ends);
      } catch (error) {
        throw translateKafkaError(error, `read the lag of group ${target.groupId}`);
      }
    },
    async close() {
      await admin?.disconnect().catch(() => undefined);
      admin = undefined;
    },
  };
}
