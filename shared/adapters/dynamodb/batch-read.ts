// StateStore.getMany on DynamoDB: BatchGetItem, 100 keys a call, strongly consistent, the chunks in
// flight together. A call may leave keys unprocessed (throttling, 16 MB responses); those are asked for
// again with backoff, and a chunk still not read after UNPROCESSED_ATTEMPTS calls fails as THROTTLED:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../core/errors.ts';
import { backoffMs } from '../../core/retry/backoff-ms.ts';
import { itemId, type ItemKey, type StateItem } from '../../ports/state-store.ts';
import { fromStoredItem } from './state-item-codec.ts';
import { translateDynamoDbError } from './translate-error.ts';

/** What a batch read needs of the store. */
export interface BatchReadContext {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Epoch seconds: items whose `expiresAt` is not after it are absent. */
  readonly now: () => number;
}

/** BatchGetItem's limit on keys per call. */
export const BATCH_GET_KEYS = 100;
/** Calls per chunk before keys DynamoDB keeps leaving unprocessed fail the read. */
const UNPROCESSED_ATTEMPTS = 6;
/** Backoff before the n-th call for unprocessed keys: 10 ms doubled each time, up to the wait before the last call. */
const BACKOFF = { baseMs: 10, maxMs: 10 * 2 ** (UNPROCESSED_ATTEMPTS - 2) };

/** One chunk of distinct keys read into `found`, asking again for what comes back unprocessed. */
async function readChunk(context: BatchReadContext, keys: readonly ItemKey[], found: Map<string, StateItem>): Promise<void> {
  let pending: Record<string, unknown>[] = keys.map((key) => ({ pk: key.pk, sk: key.sk }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= UNPROCESSED_ATTEMPTS) {
      throw new AppError('THROTTLED', `DynamoDB left ${pending.length} keys unprocessed after ${UNPROCESSED_ATTEMPTS} batch reads`, { details: { unprocessed: pending.length } });
    }
    if (attempt > 0) await sleep(backoffMs(attempt, BACKOFF));
    const answer = await context.client.send(new BatchGetCommand({ RequestItems: { [context.tableName]: { Keys: pending, ConsistentRead: true } } }));
    for (const raw of answer.Responses?.[context.tableName] ?? []) {
      const item = fromStoredItem(raw);
      if (item.expiresAt === undefined || item.expiresAt > context.now()) found.set(itemId(item), item);
    }
    pending = answer.UnprocessedKeys?.[context.tableName]?.Keys ?? [];
  }
}

/** The live items at `keys`, in the order asked (see `StateStore.getMany`). */
export async function readMany(context: BatchReadContext, keys: readonly ItemKey[]): Promise<(StateItem | undefined)[]> {
  const distinct = [...new Map(keys.map((key) => [itemId(key), key])).values()];
  const found = new Map<string, StateItem>();
  const chunks: ItemKey[][] = [];
  for (let start = 0; start < distinct.length; start += BATCH_GET_KEYS) chunks.push(distinct.slice(start, start + BATCH_GET_KEYS));
  try {
    await Promise.all(chunks.map((chunk) => readChunk(context, chunk, found)));
  } catch (error) {
    throw translateDynamoDbError(error, `batch get of ${distinct.length} items`);
  }
  return keys.map((key) => found.get(itemId(key)));
}
