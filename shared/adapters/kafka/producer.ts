import type { Kafka } from 'kafkajs';
import type { EventPublisher } from '../../ports/event-publisher.ts';
import { toEventMessage } from './event-message.ts';
import { createKafkaMessageSink } from './message-sink.ts';

export { PRODUCER_CONFIG } from './producer-config.ts';

/** An {@link EventPublisher} on Kafka, with its connection's lifetime. */
export interface KafkaEventPublisher extends EventPublisher {
  /** Flush and close the connection (on shutdown; Lambda keeps it across invocations). */
  disconnect(): Promise<void>;
}

/**
 * Publish events to Kafka: each event validated and serialised by `toEventMessage` (JSON value, key from
 * `keyFor`, `ce-*` headers), all events of one call in one `send` with `acks: -1`. Connects on first use
 * and reconnects after a failed connect. kafkajs errors become `AppError`s (`translateKafkaError`).
 */
export function createKafkaEventPublisher(kafka: Pick<Kafka, 'producer'>): KafkaEventPublisher {
  const sink = createKafkaMessageSink(kafka);
  return {
    publish: async (topic, events) => sink.send(topic, events.map(toEventMessage)),
    disconnect: () => sink.disconnect(),
  };
}
