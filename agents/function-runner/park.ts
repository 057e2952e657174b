// Records the runner gives up on go to the dead-letter topic, in the same envelope the deadLetter
// middleware writes (shared/schemas/events/dead-letter.ts), so one tool reads and replays both.
import { lambdaRecord, type ConsumedRecord } from '../../shared/adapters/kafka/lambda-event.ts';
import type { AppError } from '../../shared/core/errors.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type { EventPublisher } from '../../shared/ports/event-publisher.ts';
import { toDeadLetter } from '../../shared/middleware/dead-letter-envelope.ts';
import { itemIdentifierOf } from '../../shared/middleware/kafka-batch.ts';

/** Where parked records go and who parks them. */
export interface ParkOptions {
  readonly publisher: EventPublisher;
  readonly topic: string;
  /** The envelope `source`: `function-runner/allocate-gpus`. */
  readonly source: string;
  readonly clock: Clock;
}

/**
 * Publish one dead letter per record, carrying its coordinates, its original bytes and `error`. The
 * letter's id derives from source and coordinates, so parking the same record twice (after a crash
 * between publish and commit) gives the same id. Rejects with the publisher's `AppError`.
 */
export async function parkRecords(records: readonly ConsumedRecord[], error: AppError, options: ParkOptions): Promise<void> {
  const now = options.clock.now();
  const letters = records.map((record) => {
    const raw = lambdaRecord(record);
    const location = { topic: record.topic, partition: record.partition, offset: Number(record.offset) };
    return toDeadLetter({ location: { ...location, itemIdentifier: itemIdentifierOf(location) }, raw, error }, { source: options.source, now });
  });
  await options.publisher.publish(options.topic, letters);
}
