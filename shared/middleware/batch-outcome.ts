import { AppError } from '../core/errors.ts';
import type { BatchOutcome, ItemIdentifier, RecordFailure } from './kafka-batch.ts';

const isIdentifier = (value: unknown): value is ItemIdentifier => {
  const id = value as Partial<ItemIdentifier> | null;
  return typeof id === 'object' && id !== null && typeof id.partition === 'string' && Number.isSafeInteger(id.offset);
};

const isFailure = (value: unknown): value is RecordFailure => {
  const failure = value as Partial<RecordFailure> | null;
  return typeof failure === 'object' && failure !== null && isIdentifier(failure.itemIdentifier) && failure.error instanceof AppError;
};

/**
 * The handler's result as a {@link BatchOutcome}: `undefined` (the handler returned nothing) means every
 * record succeeded; anything else that is not `{ failed: RecordFailure[], parked?: ItemIdentifier[] }` is `undefined`, a broken
 * contract that `kafkaBatchResponse` answers by retrying the whole batch.
 */
export function readOutcome(response: unknown): BatchOutcome | undefined {
  if (response === undefined || response === null) return { failed: [] };
  const { failed, parked } = response as { failed?: unknown; parked?: unknown };
  if (!Array.isArray(failed) || !failed.every(isFailure)) return undefined;
  if (parked === undefined) return { failed };
  return Array.isArray(parked) && parked.every(isIdentifier) ? { failed, parked } : undefined;
}
