// Attribute and index names of the state table. They must match infra/dynamodb/table.yml, which
// test/integration/dynamodb.test.ts checks.

/** Names the adapters write; `pk`/`sk` are the table key, `gsi1pk`/`gsi1sk` the lookup index key. */
export const TABLE_LAYOUT = {
  partitionKey: 'pk',
  sortKey: 'sk',
  lookupIndex: 'gsi1',
  lookupPartitionKey: 'gsi1pk',
  lookupSortKey: 'gsi1sk',
  /** The table's TTL attribute, epoch seconds. */
  expiresAt: 'expiresAt',
  version: 'version',
  data: 'data',
} as const;

/** Epoch seconds of `date`, the unit of DynamoDB TTL attributes. */
export { epochSeconds } from '../../ports/state-store.ts';
