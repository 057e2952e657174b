// The StateStore port on the DynamoDB state table: optimistic concurrency with a `version` attribute.
// A failed condition becomes VERSION_CONFLICT with the current item in the details, read with a
// consistent GetItem because dynalite ignores ReturnValuesOnConditionCheckFailure.
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../../core/errors.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import { stateItemOf, type ExpectedVersion, type ItemKey, type QueryOptions, type StateItem, type StateStore } from '../../ports/state-store.ts';
import { readMany } from './batch-read.ts';
import { fromStoredItem } from './state-item-codec.ts';
import { putRequest, queryRequest, updateRequest, type UpdateRequest } from './state-expressions.ts';
import { epochSeconds } from './table-layout.ts';
import { isConditionalCheckFailed, translateDynamoDbError } from './translate-error.ts';

/** Options of {@link createDynamoDbStateStore}. */
export interface DynamoDbStateStoreOptions {
  /** Decides whether an item has expired; the system clock by default. */
  readonly clock?: Clock;
}

interface Context {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly now: () => number;
}

const describe = (key: ItemKey): string => `${key.pk} / ${key.sk}`;

async function read(context: Context, key: ItemKey): Promise<StateItem | undefined> {
  try {
    const { Item } = await context.client.send(new GetCommand({
      TableName: context.tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true,
    }));
    const item = Item === undefined ? undefined : fromStoredItem(Item);
    return item !== undefined && (item.expiresAt === undefined || item.expiresAt > context.now()) ? item : undefined;
  } catch (error) {
    throw translateDynamoDbError(error, `get ${describe(key)}`);
  }
}

async function conflict(context: Context, key: ItemKey, expected: ExpectedVersion): Promise<AppError> {
  const current = await read(context, key);
  return new AppError('VERSION_CONFLICT', `item ${describe(key)} is not at the expected version ${String(expected)}`, {
    details: { key: { pk: key.pk, sk: key.sk }, expectedVersion: expected, current: current ?? null },
  });
}

/**
 * One UpdateItem. With `known`, the item the write leaves is already known (a replace at a numeric
 * version: the condition pins the new version to expected + 1), so DynamoDB returns nothing (ReturnValues
 * NONE): no response item to parse, about a fifth of the SDK's client CPU per write (bench:recommend).
 */
async function write(context: Context, key: ItemKey, op: { request: UpdateRequest; expected: ExpectedVersion | undefined; known?: StateItem }): Promise<StateItem> {
  try {
    const { Attributes } = await context.client.send(new UpdateCommand({
      TableName: context.tableName, Key: { pk: key.pk, sk: key.sk }, ...op.request, ReturnValues: op.known === undefined ? 'ALL_NEW' : 'NONE',
    }));
    if (op.known !== undefined) return op.known;
    if (Attributes === undefined) throw new AppError('INTERNAL', `DynamoDB returned no attributes writing ${describe(key)}`);
    return fromStoredItem(Attributes);
  } catch (error) {
    if (op.expected !== undefined && isConditionalCheckFailed(error)) throw await conflict(context, key, op.expected);
    throw translateDynamoDbError(error, `write ${describe(key)}`);
  }
}

async function query(context: Context, partition: string, options: QueryOptions = {}): Promise<StateItem[]> {
  if (options.limit !== undefined && options.limit <= 0) return [];
  const request = queryRequest(partition, options, context.now());
  const found: StateItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  try {
    do {
      const remaining = options.limit === undefined ? undefined : options.limit - found.length;
      const page = await context.client.send(new QueryCommand({
        TableName: context.tableName, ...request,
        ...(remaining === undefined ? {} : { Limit: remaining }),
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }));
      found.push(...(page.Items ?? []).map(fromStoredItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined && found.length < (options.limit ?? Infinity));
  } catch (error) {
    throw translateDynamoDbError(error, `query ${partition}`);
  }
  return found;
}

/**
 * A {@link StateStore} on `tableName` (the table of infra/dynamodb/table.yml). Reads are strongly
 * consistent, except `query({ byLookup: true })`: global secondary indexes are eventually consistent.
 */
export function createDynamoDbStateStore(client: DynamoDBDocumentClient, tableName: string, options: DynamoDbStateStoreOptions = {}): StateStore {
  const clock = options.clock ?? systemClock;
  const context: Context = { client, tableName, now: () => epochSeconds(clock.now()) };
  return {
    get: (key) => read(context, key),
    getMany: (keys) => readMany(context, keys),
    put: (item, { expectVersion } = {}) => write(context, item, {
      request: putRequest(item, expectVersion, context.now()), expected: expectVersion,
      ...(typeof expectVersion === 'number' ? { known: stateItemOf(item, expectVersion + 1) } : {}),
    }),
    update: async (key, changes, { expectVersion }) =>
      write(context, key, { request: updateRequest(changes, expectVersion, context.now()), expected: expectVersion }),
    query: (partition, queryOptions) => query(context, partition, queryOptions),
  };
}
