import type { AnyEvent } from '../schemas/events/any-event.ts';

/**
 * Sends events to a topic. The core decides; a handler publishes what it decided (the audit trail on
 * `decisions`) and the dead-letter middleware parks poison records on `dead-letter`.
 *
 * The publisher derives each event's key from the event itself (`keyFor`), so ordering follows the
 * rules in one place. Delivery is at least once: `publish` resolves once every event is durably written
 * and rejects with an `AppError` (`DEPENDENCY_UNAVAILABLE` when a retry can help) otherwise, in which case
 * some of the events may have been written. Consumers de-duplicate by the envelope `id`.
 */
export interface EventPublisher {
  publish(topic: string, events: readonly AnyEvent[]): Promise<void>;
}
