import kafkajs, { type Kafka, type Producer } from 'kafkajs';
import type { AnyEvent } from '../../schemas/events/any-event.ts';
import type { EventPublisher } from '../../ports/event-publisher.ts';
import { toEventMessage } from './event-message.ts';
import { translateKafkaError } from './translate-error.ts';

/** An {@link EventPublisher} on Kafka, with its connection's lifetime. */
export interface KafkaEventPublisher extends EventPublisher {
  /** Flush and close the connection (on shutdown; Lambda keeps it across invocations). */
  disconnect(): Promise<void>;
}

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

/**
 * Publish events to Kafka: each event validated and serialised by `toEventMessage` (JSON value, key from
 * `keyFor`, `ce-*` headers), all events of one call in one `send` with `acks: -1`. Connects on first use
 * and reconnects after a failed connect. kafkajs errors become `AppError`s (`translateKafkaError`).
 */
export function createKafkaEventPublisher(kafka: Pick<Kafka, 'producer'>): KafkaEventPublisher {
  const producer: Producer = kafka.producer(PRODUCER_CONFIG);
  let connecting: Promise<void> | undefined;
  const connect = (): Promise<void> => {
    connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw translateKafkaError(error, 'connect');
    });
    return connecting;
  };
  return {
    async publish(topic: string, events: readonly AnyEvent[]): Promise<void> {
      if (events.length === 0) return;
      const messages = events.map(toEventMessage).map((message) => ({ ...message, headers: { ...message.headers } }));
      await connect();
      try {
        await producer.send({ topic, messages, acks: -1 });
      } catch (error) {
        throw translateKafkaError(error, `send to ${topic}`);
      }
    },
    async disconnect(): Promise<void> {
      connecting = undefined;
      try {
        await producer.disconnect();
      } catch (error) {
        throw translateKafkaError(error, 'disconnect');
      }
    },
  };
}
