// What dynalite never does: leave keys unprocessed. A stub client plays DynamoDB's part.
import type { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { readMany } from './batch-read.ts';

const TABLE = 't';
type Keys = { pk: string; sk: string }[];

/** A client answering each BatchGetItem with `answer(keys asked, call number)`. */
function stubClient(answer: (keys: Keys, call: number) => { found: Keys; unprocessed: Keys }): { client: DynamoDBDocumentClient; asked: Keys[] } {
  const asked: Keys[] = [];
  const send = async (command: BatchGetCommand) => {
    const keys = command.input.RequestItems?.[TABLE]?.Keys as Keys;
    asked.push(keys);
    const { found, unprocessed } = answer(keys, asked.length);
    return {
      Responses: { [TABLE]: found.map((key) => ({ ...key, version: 1, data: { at: key.sk } })) },
      ...(unprocessed.length === 0 ? {} : { UnprocessedKeys: { [TABLE]: { Keys: unprocessed } } }),
    };
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, asked };
}

const keysOf = (count: number): Keys => Array.from({ length: count }, (_, index) => ({ pk: 'p', sk: `k${index}` }));

describe('Adapter: dynamodb readMany()', () => {
  it('asks again for the keys a call left unprocessed, and answers in the order asked', async () => {
    const { client, asked } = stubClient((keys, call) => (call === 1 ? { found: keys.slice(1), unprocessed: keys.slice(0, 1) } : { found: keys, unprocessed: [] }));
    const found = await readMany({ client, tableName: TABLE, now: () => 0 }, keysOf(3));
    expect(found.map((item) => item?.sk)).toEqual(['k0', 'k1', 'k2']);
    expect(asked).toEqual([keysOf(3), keysOf(1)]);
  });

  it('reads 100 distinct keys a call', async () => {
    const { client, asked } = stubClient((keys) => ({ found: keys, unprocessed: [] }));
    await readMany({ client, tableName: TABLE, now: () => 0 }, [...keysOf(201), ...keysOf(5)]);
    expect(asked.map((keys) => keys.length)).toEqual([100, 100, 1]);
  });

  it('fails THROTTLED when keys stay unprocessed', async () => {
    const { client, asked } = stubClient((keys) => ({ found: [], unprocessed: keys }));
    const error: unknown = await readMany({ client, tableName: TABLE, now: () => 0 }, keysOf(2)).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('THROTTLED');
    expect(asked).toHaveLength(6);
  });
});
