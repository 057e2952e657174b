// The state table for local runs and tests, read from the very file serverless.yml deploys
// (infra/dynamodb/table.yml), so dynalite's table and the deployed one share one definition.
import { readFileSync } from 'node:fs';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { parse } from 'yaml';
import { z } from 'zod';

/** Path of the table's CloudFormation `Properties`. */
export const TABLE_YML = new URL('./table.yml', import.meta.url);

const keyElement = z.object({ AttributeName: z.string(), KeyType: z.enum(['HASH', 'RANGE']) });
const tableProperties = z.object({
  BillingMode: z.literal('PAY_PER_REQUEST'),
  AttributeDefinitions: z.array(z.object({ AttributeName: z.string(), AttributeType: z.enum(['S', 'N', 'B']) })),
  KeySchema: z.array(keyElement),
  GlobalSecondaryIndexes: z.array(z.object({
    IndexName: z.string(),
    KeySchema: z.array(keyElement),
    Projection: z.object({ ProjectionType: z.enum(['ALL', 'KEYS_ONLY', 'INCLUDE']), NonKeyAttributes: z.array(z.string()).optional() }),
  })).default([]),
  TimeToLiveSpecification: z.object({ AttributeName: z.string(), Enabled: z.boolean() }).optional(),
  PointInTimeRecoverySpecification: z.object({ PointInTimeRecoveryEnabled: z.boolean() }).optional(),
  SSESpecification: z.object({ SSEEnabled: z.boolean() }).optional(),
});

/** The table's CloudFormation `Properties` as written in table.yml (TableName left out: each stage names its own). */
export type TableProperties = z.infer<typeof tableProperties>;

/** Read table.yml (or another file in its format); throws with every issue when it is not a table definition this module understands. */
export function readTableProperties(path: URL | string = TABLE_YML): TableProperties {
  return tableProperties.parse(parse(readFileSync(path, 'utf8')));
}

/**
 * The CreateTable input for a table named `tableName` with table.yml's keys, index and billing.
 * TTL and point-in-time recovery are not CreateTable parameters (on AWS, CloudFormation sets them;
 * dynalite supports neither), so readers of `expiresAt` filter expired items themselves.
 */
export function createTableInput(tableName: string, properties: TableProperties = readTableProperties()): CreateTableCommandInput {
  const sse = properties.SSESpecification;
  return {
    TableName: tableName,
    BillingMode: properties.BillingMode,
    AttributeDefinitions: properties.AttributeDefinitions,
    KeySchema: properties.KeySchema,
    ...(properties.GlobalSecondaryIndexes.length === 0 ? {} : {
      GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes.map((index) => ({
        IndexName: index.IndexName,
        KeySchema: index.KeySchema,
        Projection: { ProjectionType: index.Projection.ProjectionType, ...(index.Projection.NonKeyAttributes === undefined ? {} : { NonKeyAttributes: index.Projection.NonKeyAttributes }) },
      })),
    }),
    ...(sse === undefined ? {} : { SSESpecification: { Enabled: sse.SSEEnabled } }),
  };
}
