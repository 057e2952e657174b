// After one invocation: which records count as done, whether the partition is read again (after a
// backoff) from its lowest failed record, or whether the runner gives up on that record and parks it.
import type { ConsumedRecord } from '../../shared/adapters/kafka/lambda-event.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { RunnerConfig } from './config.ts';
import type { InvocationOutcome, PartitionPlan } from './commit-plan.ts';
import type { RunnerMetrics } from './metrics.ts';
import { backoffMs } from '../../shared/core/retry/backoff-ms.ts';
import { decideRetry, type FailureStreak } from './retry-policy.ts';

/** What the partition does next: commit up to `commitOffset`, and read again from `resumeFrom` after `delayMs`. */
export interface SettledBatch {
  readonly commitOffset: number | undefined;
  readonly resumeFrom?: number;
  readonly delayMs?: number;
}

/** One partition's batch, how the invocation ended, and the plan made from it. */
export interface HandledBatch {
  readonly records: readonly ConsumedRecord[];
  readonly outcome: InvocationOutcome;
  readonly plan: PartitionPlan;
}

/** What settling needs from the runner. */
export interface SettleContext {
  readonly config: Pick<RunnerConfig, 'maxRetries' | 'backoffBaseMs' | 'backoffMaxMs'>;
  readonly metrics: RunnerMetrics;
  /** Failure streaks by `topic-partition`, kept across fetches. */
  readonly streaks: Map<string, FailureStreak>;
  /** Publish records to the dead-letter topic. */
  readonly park: (records: readonly ConsumedRecord[], error: AppError) => Promise<void>;
  /** A draw in [0, 1) for backoff jitter. */
  readonly random: () => number;
  readonly log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

/** The error a parked record carries: the handler's own when it threw, else why the runner gave up. */
function giveUpError(outcome: InvocationOutcome, where: string, streak: FailureStreak): AppError {
  if (outcome.kind === 'threw') return outcome.error;
  return new AppError('INTERNAL', `the handler failed ${where} offset ${streak.offset} ${streak.attempts} times; the runner gave up on it after maxRetries`, {
    details: { attempts: streak.attempts },
  });
}

/** Park the record at the lowest failed offset and move past it; if the dead-letter topic is away, retry later instead. */
async function giveUp(context: SettleContext, failed: HandledBatch, streak: FailureStreak): Promise<SettledBatch> {
  const { plan } = failed;
  const where = `${plan.topic}-${plan.partition}`;
  const record = failed.records.find((candidate) => Number(candidate.offset) === streak.offset);
  try {
    if (record === undefined) throw new AppError('INTERNAL', `offset ${streak.offset} is not in the batch`);
    await context.park([record], giveUpError(failed.outcome, where, streak));
  } catch (error) {
    context.log('error', `could not park ${where} offset ${streak.offset}; retrying it`, { error: String(error) });
    return { commitOffset: plan.commitOffset, resumeFrom: streak.offset, delayMs: backoffMs(streak.attempts, { baseMs: context.config.backoffBaseMs, maxMs: context.config.backoffMaxMs }, context.random()) };
  }
  context.streaks.delete(where);
  context.metrics.count('deadLettered');
  context.log('warn', `parked ${where} offset ${streak.offset} on the dead-letter topic after ${streak.attempts} attempts`);
  return { commitOffset: streak.offset + 1, resumeFrom: streak.offset + 1, delayMs: 0 };
}

/**
 * Settle one partition's batch from its plan: count what succeeded, and on a failure either schedule a
 * retry from the lowest failed offset after an exponential backoff or, once that record has used up
 * `maxRetries`, park it and move on so the partition keeps moving.
 */
export async function settleBatch(context: SettleContext, handled: HandledBatch): Promise<SettledBatch> {
  const { records, outcome, plan } = handled;
  const where = `${plan.topic}-${plan.partition}`;
  const retryFrom = plan.retryFrom;
  const succeeded = records.filter((record) => retryFrom === undefined || Number(record.offset) < retryFrom).length;
  context.metrics.count('recordsOut', succeeded);
  if (retryFrom === undefined) {
    context.streaks.delete(where);
    return { commitOffset: plan.commitOffset };
  }
  context.metrics.count('recordsFailed', outcome.kind === 'threw' ? records.length - succeeded : outcome.failures.length);
  const decision = decideRetry(context.streaks.get(where), retryFrom, context.config.maxRetries);
  if (decision.kind === 'give-up') return giveUp(context, { records, plan, outcome }, decision.streak);
  context.streaks.set(where, decision.streak);
  context.metrics.count('retries');
  const delayMs = backoffMs(decision.streak.attempts, { baseMs: context.config.backoffBaseMs, maxMs: context.config.backoffMaxMs }, context.random());
  return { commitOffset: plan.commitOffset, resumeFrom: retryFrom, delayMs };
}
