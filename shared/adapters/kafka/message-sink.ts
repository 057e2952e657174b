import type { Kafka, Producer } from 'kafkajs';
import type { EventMessage } from './event-message.ts';
import { PRODUCER_CONFIG } from './producer-config.ts';
import { translateKafkaError } from './translate-error.ts';

/** Where encoded event messages go: text values (the cluster-agent's), or also gzipped ones (`V = string | Buffer`). */
export interface MessageSink<V extends string | Buffer = string> {
  /** Write `messages` to `topic` in order, acknowledged by all in-sync replicas; rejects with an `AppError`. */
  send(topic: string, messages: readonly EventMessage<V>[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * A sink on a kafkajs producer with the project's settings (`PRODUCER_CONFIG`: idempotent, one request in
 * flight, so a retried batch is neither duplicated nor reordered by the broker). The idempotent producer
 * retries a broken connection without limit, so while Kafka is down `send` waits rather than fails.
 * Connects on first use and again after a failed connect. The event publisher sends through it; the
 * cluster-agent uses it directly, because it sends messages it encoded and sized itself (512 KiB batches).
 */
export function createKafkaMessageSink(kafka: Pick<Kafka, 'producer'>): MessageSink<string | Buffer> {
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
    async send(topic, messages) {
      if (messages.length === 0) return;
      await connect();
      try {
        await producer.send({ topic, acks: -1, messages: messages.map((message) => ({ ...message, headers: { ...message.headers } })) });
      } catch (error) {
        throw translateKafkaError(error, `send to ${topic}`);
      }
    },
    async disconnect() {
      connecting = undefined;
      await producer.disconnect().catch((error: unknown) => { throw translateKafkaError(error, 'disconnect'); });
    },
  };
}
