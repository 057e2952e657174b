import type { Kafka } from 'kafkajs';
import type { EventPublisher } from '../../ports/event-publisher.ts';
import { gzipMessage, toEventMessage } from './event-message.ts';
import { createKafkaMessageSink } from './message-sink.ts';

export { PRODUCER_CONFIG } from './producer-config.ts';

/** An {@link EventPublisher} on Kafka, with its connection's lifetime. */
export interface KafkaEventPublisher extends EventPublisher {
  /** Flush and close the connection (on shutdown; Lambda keeps it across invocations). */
  disconnect(): Promise<void>;
}

/** Options of {@link createKafkaEventPublisher}. */
export interface KafkaEventPublisherOptions {
  /** Topics whose values are sent gzipped, with `content-encoding: gzip` (`gzipMessage`); the node-agent's gpu-metrics. */
  readonly gzipTopics?: readonly string[];
}

/**
 * Publish events to Kafka: each event validated and serialised by `toEventMessage` (JSON value, key from
 * `keyFor`, `ce-*` headers), gzipped on the `gzipTopics`, all events of one call in one `send` with
 * `acks: -1`. Connects on first use and reconnects after a failed connect. kafkajs errors become
 * `AppError`s (`translateKafkaError`).
 */
export function createKafkaEventPublisher(kafka: Pick<Kafka, 'producer'>, options: KafkaEventPublisherOptions = {}): KafkaEventPublisher {
  const sink = createKafkaMessageSink(kafka);
  const gzipTopics = new Set(options.gzipTopics ?? []);
  return {
    publish: async (topic, events) => sink.send(topic, gzipTopics.has(topic) ? events.map((event) => gzipMessage(toEventMessage(event))) : events.map((event) => toEventMessage(event))),
    disconnect: () => sink.disconnect(),
  };
}
