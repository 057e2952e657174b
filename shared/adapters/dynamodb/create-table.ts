// Creating the state table where CloudFormation does not: dynalite for local runs and tests.
import { CreateTableCommand, DescribeTableCommand, type CreateTableCommandInput, type TableDescription } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../core/errors.ts';
import { isResourceInUse, translateDynamoDbError } from './translate-error.ts';

const POLL_MS = 100;

const isActive = (table: TableDescription | undefined): boolean =>
  table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');

async function describe(client: DynamoDBDocumentClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    throw translateDynamoDbError(error, `describe table ${tableName}`);
  }
}

/**
 * Create the table described by `input` (from infra/dynamodb/table-definition.ts) and wait until it
 * and its indexes are ACTIVE. Idempotent: a table that already exists is fine, and is described as is.
 */
export async function createStateTable(client: DynamoDBDocumentClient, input: CreateTableCommandInput, timeoutMs = 30_000): Promise<TableDescription> {
  const tableName = input.TableName ?? '';
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if (!isResourceInUse(error)) throw translateDynamoDbError(error, `create table ${tableName}`);
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = await describe(client, tableName);
    if (table !== undefined && isActive(table)) return table;
    if (Date.now() > deadline) throw new AppError('DEPENDENCY_UNAVAILABLE', `table ${tableName} is not ACTIVE after ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
}
