// The DynamoDB adapters against the stack's real dynalite process on loopback (inject('stack')):
// the StateStore and IdempotencyStore contracts, the table created from infra/dynamodb/table.yml, and
// the translation of dependency failures into AppError codes.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTableInput, readTableProperties } from '../../infra/dynamodb/table-definition.ts';
import { startDynalite, stopDynalite } from '../../infra/local/dynalite/start.ts';
import { freePort } from '../../infra/local/ports.ts';
import { createDynamoDbClient } from '../../shared/adapters/dynamodb/client.ts';
import { createStateTable } from '../../shared/adapters/dynamodb/create-table.ts';
import { createDynamoDbIdempotencyStore } from '../../shared/adapters/dynamodb/idempotency-store.ts';
import { createDynamoDbStateStore } from '../../shared/adapters/dynamodb/state-store.ts';
import { TABLE_LAYOUT } from '../../shared/adapters/dynamodb/table-layout.ts';
import { AppError } from '../../shared/core/errors.ts';
import { idempotencyStoreContract } from '../contracts/idempotency-store.contract.ts';
import { stateStoreContract } from '../contracts/state-store.contract.ts';

const TABLE = `vgpu-control-it-${process.pid}-${Date.now()}`;
const work = mkdtempSync(join(tmpdir(), 'vgpu-dynalite-'));
let client: DynamoDBDocumentClient | undefined;

const connected = (): DynamoDBDocumentClient => {
  if (client === undefined) throw new Error('dynalite is not started');
  return client;
};

async function rejection(work: Promise<unknown>): Promise<AppError> {
  const error: unknown = await work.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  client = createDynamoDbClient({ endpoint: inject('stack').dynamodb.endpoint, region: 'us-east-1' });
  await createStateTable(client, createTableInput(TABLE));
}, 60_000);

afterAll(async () => {
  client?.destroy();
  rmSync(work, { recursive: true, force: true });
});

stateStoreContract('dynamodb on dynalite', (clock) => createDynamoDbStateStore(connected(), TABLE, { clock }));
idempotencyStoreContract('dynamodb on dynalite', () => createDynamoDbIdempotencyStore(connected(), TABLE));

describe('Adapter: dynamodb create-table', () => {
  it('creates the table of infra/dynamodb/table.yml: key schema, attributes, GSI, billing', async () => {
    const properties = readTableProperties();
    const { Table } = await connected().send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual(properties.KeySchema);
    expect(Table?.AttributeDefinitions).toEqual(expect.arrayContaining(properties.AttributeDefinitions));
    expect(Table?.AttributeDefinitions).toHaveLength(properties.AttributeDefinitions.length);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const indexes = (Table?.GlobalSecondaryIndexes ?? []).map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }));
    expect(indexes).toEqual(properties.GlobalSecondaryIndexes);
  });

  it('is idempotent: creating the same table again describes the existing one', async () => {
    const table = await createStateTable(connected(), createTableInput(TABLE));
    expect(table.TableName).toBe(TABLE);
    expect(table.TableStatus).toBe('ACTIVE');
  });

  it('uses the attribute and index names table.yml declares', () => {
    const properties = readTableProperties();
    expect(properties.KeySchema.map((key) => key.AttributeName)).toEqual([TABLE_LAYOUT.partitionKey, TABLE_LAYOUT.sortKey]);
    expect(properties.GlobalSecondaryIndexes).toEqual([expect.objectContaining({
      IndexName: TABLE_LAYOUT.lookupIndex,
      KeySchema: [{ AttributeName: TABLE_LAYOUT.lookupPartitionKey, KeyType: 'HASH' }, { AttributeName: TABLE_LAYOUT.lookupSortKey, KeyType: 'RANGE' }],
    })]);
    expect(properties.TimeToLiveSpecification).toEqual({ AttributeName: TABLE_LAYOUT.expiresAt, Enabled: true });
  });
});

describe('Adapter: dynamodb error translation', () => {
  it('answers INTERNAL, naming the operation, when the table does not exist', async () => {
    const store = createDynamoDbStateStore(connected(), 'no-such-table');
    const error = await rejection(store.get({ pk: 'p', sk: 's' }));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('ResourceNotFoundException');
    expect(error.details).toMatchObject({ operation: 'get p / s', awsError: 'ResourceNotFoundException' });
  });

  it('answers DEPENDENCY_UNAVAILABLE (retryable) when nothing listens at the endpoint', async () => {
    const closed = createDynamoDbClient({ endpoint: `http://127.0.0.1:${await freePort()}`, region: 'us-east-1', maxAttempts: 1 });
    const store = createDynamoDbStateStore(closed, TABLE);
    const error = await rejection(store.put({ pk: 'p', sk: 's', data: {} }, { expectVersion: 'absent' }));
    closed.destroy();
    expect(error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ errorCode: 'ECONNREFUSED' });
  });
});

describe('Function: startDynalite()', () => {
  it('keeps tables and items on disk across restarts when given a stateDir', async () => {
    const stateDir = join(work, 'leveldb');
    const first = await startDynalite({ stateDir, logDir: join(work, 'logs-disk') });
    const firstClient = createDynamoDbClient({ endpoint: first.endpoint, region: 'us-east-1' });
    await createStateTable(firstClient, createTableInput(TABLE));
    const written = await createDynamoDbStateStore(firstClient, TABLE).put({ pk: 'disk', sk: 'item', data: { kept: true } });
    firstClient.destroy();
    await stopDynalite(first);

    const second = await startDynalite({ stateDir, logDir: join(work, 'logs-disk') });
    const secondClient = createDynamoDbClient({ endpoint: second.endpoint, region: 'us-east-1' });
    try {
      expect(await createDynamoDbStateStore(secondClient, TABLE).get({ pk: 'disk', sk: 'item' })).toEqual(written);
    } finally {
      secondClient.destroy();
      await stopDynalite(second);
    }
  }, 60_000);
});
