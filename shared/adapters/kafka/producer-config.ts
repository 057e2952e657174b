import kafkajs from 'kafkajs';

/**
 * The producer settings, in one place:
 * - `idempotent: true`: the broker drops duplicates a retry would write, per partition (kafkajs docs/Producing.md;
 *   kafkajs then retries without limit and sends with acks -1);
 * - `maxInFlightRequests: 1`: one request at a time per broker, which keeps idempotent sequence numbers in
 *   order (KIP-98's original rule; kafkajs has no per-connection cap of its own);
 * - `allowAutoTopicCreation: false`: topics come from `infra/topics.ts` through `provisionTopics`;
 * - the default (Java-compatible murmur2) partitioner, so keys land where Java producers put them.
 */
export const PRODUCER_CONFIG = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  createPartitioner: kafkajs.Partitioners.DefaultPartitioner,
} as const;
