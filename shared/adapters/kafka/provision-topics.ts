import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import { AppError } from '../../core/errors.ts';
import { ALL_TOPICS, type TopicSpec } from '../../../infra/topics.ts';
import { translateKafkaError } from './translate-error.ts';

/** Options of {@link provisionTopics}. */
export interface ProvisionOptions {
  /** Copies of each partition: 3 on a production cluster, 1 on the local single broker. Required, because
   * kafkajs's CreateTopics v3 cannot ask for the broker default. */
  readonly replicationFactor: number;
  /** The topics to ensure; every topic of `infra/topics.ts` when absent. */
  readonly topics?: readonly TopicSpec[];
}

/** What provisioning found and did. */
export interface ProvisionResult {
  readonly created: readonly string[];
  readonly existing: readonly string[];
  /** Existing topics whose partition count differs from the definition. They are left as they are:
   * adding partitions remaps keys, which breaks ordering, so that is an operator's decision. */
  readonly mismatched: readonly { readonly name: string; readonly partitions: number; readonly expected: number }[];
}

/** The CreateTopics entry for `spec`. */
export function toTopicConfig(spec: TopicSpec, replicationFactor: number): ITopicConfig {
  return {
    topic: spec.name,
    numPartitions: spec.partitions,
    replicationFactor,
    configEntries: [
      { name: 'cleanup.policy', value: 'delete' },
      { name: 'retention.ms', value: String(spec.retentionMs) },
      ...(spec.maxMessageBytes === undefined ? [] : [{ name: 'max.message.bytes', value: String(spec.maxMessageBytes) }]),
    ],
  };
}

async function ensure(admin: Admin, specs: readonly TopicSpec[], replicationFactor: number): Promise<ProvisionResult> {
  const present = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !present.has(spec.name));
  const existing = specs.filter((spec) => present.has(spec.name));
  if (missing.length > 0) {
    await admin.createTopics({ topics: missing.map((spec) => toTopicConfig(spec, replicationFactor)), waitForLeaders: true });
  }
  const metadata = existing.length === 0 ? [] : (await admin.fetchTopicMetadata({ topics: existing.map((spec) => spec.name) })).topics;
  const mismatched = existing.flatMap((spec) => {
    const partitions = metadata.find((topic) => topic.name === spec.name)?.partitions.length ?? 0;
    return partitions === spec.partitions ? [] : [{ name: spec.name, partitions, expected: spec.partitions }];
  });
  return { created: missing.map((spec) => spec.name), existing: existing.map((spec) => spec.name), mismatched };
}

/**
 * Create the topics that do not exist yet, with their partition counts and configs; idempotent (it lists
 * the topics first, and a topic created concurrently counts as created). Existing topics are not changed.
 */
export async function provisionTopics(kafka: Pick<Kafka, 'admin'>, options: ProvisionOptions): Promise<ProvisionResult> {
  if (!Number.isInteger(options.replicationFactor) || options.replicationFactor < 1) {
    throw new AppError('INVALID_INPUT', `provisionTopics option replicationFactor must be a whole number 1 or more, got ${options.replicationFactor}`);
  }
  const admin = kafka.admin();
  try {
    await admin.connect();
    return await ensure(admin, options.topics ?? ALL_TOPICS, options.replicationFactor);
  } catch (error) {
    throw translateKafkaError(error, 'provision topics');
  } finally {
    // A failed disconnect must not hide the result or the error above; the socket closes with the process.
    await admin.disconnect().catch(() => undefined);
  }
}
