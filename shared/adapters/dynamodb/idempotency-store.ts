// The IdempotencyStore port on the state table, Powertools-style: a conditional PutItem claims a key
// unless a live record exists, and the record (status, expiresAt, result) tells a later caller what
// happened. Expired records count as absent in the condition and in reads, since DynamoDB's TTL
// deletes lazily and dynalite never does.
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  IDEMPOTENCY_STATUS, type BeginOutcome, type IdempotencyStore, type IdempotencyWindow,
} from '../../ports/idempotency-store.ts';
import { epochSeconds, TABLE_LAYOUT as T } from './table-layout.ts';
import { isConditionalCheckFailed, translateDynamoDbError } from './translate-error.ts';

interface Context {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

// A claim can vanish between the failed put and the read (released, or expired just then); try again
// a few times before answering "in progress", which only makes the caller retry later.
const CLAIM_ATTEMPTS = 3;

const keyOf = (key: string): { pk: string; sk: string } => ({ pk: `idempotency#${key}`, sk: 'record' });
const expiry = (window: IdempotencyWindow): number => epochSeconds(window.now) + window.ttlSeconds;

async function claim(context: Context, key: string, window: IdempotencyWindow): Promise<boolean> {
  try {
    await context.client.send(new PutCommand({
      TableName: context.tableName,
      Item: { ...keyOf(key), status: IDEMPOTENCY_STATUS.inProgress, [T.expiresAt]: expiry(window) },
      ConditionExpression: 'attribute_not_exists(#pk) OR #expiresAt <= :now',
      ExpressionAttributeNames: { '#pk': T.partitionKey, '#expiresAt': T.expiresAt },
      ExpressionAttributeValues: { ':now': epochSeconds(window.now) },
    }));
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw translateDynamoDbError(error, `claim idempotency key ${key}`);
  }
}

/** The live record's outcome, or undefined when there is no live record. */
async function existing(context: Context, key: string, now: Date): Promise<BeginOutcome | undefined> {
  try {
    const { Item } = await context.client.send(new GetCommand({ TableName: context.tableName, Key: keyOf(key), ConsistentRead: true }));
    const expiresAt: unknown = Item?.[T.expiresAt];
    if (Item === undefined || typeof expiresAt !== 'number' || expiresAt <= epochSeconds(now)) return undefined;
    return Item['status'] === IDEMPOTENCY_STATUS.completed ? { completed: Item['result'] } : 'in-progress';
  } catch (error) {
    throw translateDynamoDbError(error, `read idempotency key ${key}`);
  }
}

/** An {@link IdempotencyStore} whose records live in `tableName` under `idempotency#<key>`. */
export function createDynamoDbIdempotencyStore(client: DynamoDBDocumentClient, tableName: string): IdempotencyStore {
  const context: Context = { client, tableName };
  return {
    async begin(key, window) {
      for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
        if (await claim(context, key, window)) return 'started';
        const outcome = await existing(context, key, window.now);
        if (outcome !== undefined) return outcome;
      }
      return 'in-progress';
    },
    async complete(key, result, window) {
      const Item = { ...keyOf(key), status: IDEMPOTENCY_STATUS.completed, [T.expiresAt]: expiry(window), result };
      try {
        await client.send(new PutCommand({ TableName: tableName, Item }));
      } catch (error) {
        throw translateDynamoDbError(error, `complete idempotency key ${key}`);
      }
    },
    async release(key) {
      try {
        await client.send(new DeleteCommand({ TableName: tableName, Key: keyOf(key) }));
      } catch (error) {
        throw translateDynamoDbError(error, `release idempotency key ${key}`);
      }
    },
  };
}
