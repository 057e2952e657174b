// From a handler's answer to what the runner commits and where it resumes, per partition, as Lambda's
// Kafka event source mapping does with `ReportBatchItemFailures`: it resumes each partition from its
// lowest listed offset, and an answer it cannot read fails the whole batch
// (https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html). Pure.
import { z } from 'zod';
import type { ConsumedRecord } from '../../shared/adapters/kafka/lambda-event.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { ItemIdentifier } from '../../shared/middleware/kafka-batch.ts';

/** How one invocation ended: an answer listing failed records (possibly none), or a throw. */
export type InvocationOutcome =
  | { readonly kind: 'answered'; readonly failures: readonly ItemIdentifier[] }
  | { readonly kind: 'threw'; readonly error: AppError };

/** One partition's next step: commit up to (not including) `commitOffset`, then resume from `retryFrom` if set. */
export interface PartitionPlan {
  readonly topic: string;
  readonly partition: number;
  /** The offset to commit (the next one to read); undefined when nothing new succeeded. */
  readonly commitOffset: number | undefined;
  /** The lowest failed offset, where the partition is read again; undefined when every record succeeded. */
  readonly retryFrom: number | undefined;
}

const responseSchema = z.union([
  z.null(),
  z.undefined(),
  z.object({
    batchItemFailures: z.array(z.object({ itemIdentifier: z.object({ partition: z.string().min(1), offset: z.int().min(0) }) })).optional(),
  }),
]);

/** Read a handler's answer. An answer Lambda would reject (a string identifier, a bad shape) fails the whole batch. */
export function readHandlerResponse(response: unknown): InvocationOutcome {
  const parsed = responseSchema.safeParse(response);
  if (!parsed.success) {
    return { kind: 'threw', error: new AppError('INTERNAL', 'the handler answered with something that is not a Kafka partial batch response', { details: { issues: parsed.error.issues.map((found) => found.message) } }) };
  }
  return { kind: 'answered', failures: (parsed.data?.batchItemFailures ?? []).map(({ itemIdentifier }) => itemIdentifier) };
}

const groupOf = (record: { readonly topic: string; readonly partition: number }): string => `${record.topic}-${record.partition}`;

/** The records of `batch` by partition, in offset order. */
function byPartition(batch: readonly ConsumedRecord[]): Map<string, ConsumedRecord[]> {
  const groups = new Map<string, ConsumedRecord[]>();
  for (const record of batch) {
    const group = groups.get(groupOf(record)) ?? [];
    group.push(record);
    groups.set(groupOf(record), group);
  }
  for (const group of groups.values()) group.sort((a, b) => Number(a.offset) - Number(b.offset));
  return groups;
}

/** Every partition failed from its first record. */
const firstOffsets = (groups: ReadonlyMap<string, readonly ConsumedRecord[]>): Map<string, number> =>
  new Map([...groups].map(([group, records]) => [group, Number(records[0]?.offset)]));

/** The failures as lowest failed offset per partition; undefined when one names a record not in the batch. */
function lowestFailed(groups: ReadonlyMap<string, readonly ConsumedRecord[]>, outcome: InvocationOutcome): Map<string, number> | undefined {
  if (outcome.kind === 'threw') return firstOffsets(groups);
  const lowest = new Map<string, number>();
  for (const { partition, offset } of outcome.failures) {
    if (!(groups.get(partition) ?? []).some((record) => Number(record.offset) === offset)) return undefined;
    lowest.set(partition, Math.min(offset, lowest.get(partition) ?? offset));
  }
  return lowest;
}

/** What the runner does after a batch: each partition's plan, and whether the handler named records not in the batch. */
export interface BatchPlan {
  readonly partitions: PartitionPlan[];
  /** The handler broke its contract (failed a record that is not in the batch); every record is retried. */
  readonly namesUnknownRecords: boolean;
}

function plansFor(groups: ReadonlyMap<string, readonly ConsumedRecord[]>, lowest: ReadonlyMap<string, number>): PartitionPlan[] {
  return [...groups.values()].flatMap((records) => {
    const first = records[0];
    const last = records.at(-1);
    if (first === undefined || last === undefined) return [];
    const retryFrom = lowest.get(groupOf(first));
    const commitOffset = retryFrom === undefined ? Number(last.offset) + 1 : retryFrom > Number(first.offset) ? retryFrom : undefined;
    return [{ topic: first.topic, partition: first.partition, commitOffset, retryFrom }];
  });
}

/**
 * Each partition's commit and resume point after `batch` was handled with `outcome`, and whether the
 * answer named unknown records, from one pass over the batch. Records below the lowest failed offset
 * succeeded and are committed; the partition resumes from that offset. A throw, or a failure naming a
 * record that is not in the batch, fails every record.
 */
export function planBatch(batch: readonly ConsumedRecord[], outcome: InvocationOutcome): BatchPlan {
  const groups = byPartition(batch);
  const lowest = lowestFailed(groups, outcome);
  return { partitions: plansFor(groups, lowest ?? firstOffsets(groups)), namesUnknownRecords: outcome.kind === 'answered' && lowest === undefined };
}

