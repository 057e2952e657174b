// npm run bench:dynamodb-client [-- --writes <n> --rounds <n> --json <file>]   (needs the stack: dynalite)
// Client CPU per conditional write (what recommend-resources pays per workload per batch), for client
// settings one might expect to make a write cheaper. Each variant writes the same 250 items (a 1.2 kB
// string attribute, as a workload's record) at version n → n+1, 16 in flight, `ReturnValues: NONE`.
// Variants take turns (each round starting at the next), so load on the machine hits them alike; medians are reported.
import { DynamoDBClient, UpdateItemCommand, type AttributeValue, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Agent } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { createTableInput } from '../../infra/dynamodb/table-definition.ts';
import { readEndpoints } from '../../infra/local/endpoints.ts';
import { createDynamoDbClient } from '../../shared/adapters/dynamodb/client.ts';
import { concurrently } from '../../shared/adapters/concurrently.ts';
import { createStateTable } from '../../shared/adapters/dynamodb/create-table.ts';
import { putRequest } from '../../shared/adapters/dynamodb/state-expressions.ts';
import { createDynamoDbStateStore } from '../../shared/adapters/dynamodb/state-store.ts';
import type { ItemKey } from '../../shared/ports/state-store.ts';
import { argument, writeJson } from './measure.ts';

const writes = Number(argument('writes') ?? 1_000);
const rounds = Number(argument('rounds') ?? 5);
const jsonPath = argument('json') ?? 'test/bench/results/dynamodb-client.json';
const stack = readEndpoints();
if (stack === undefined) throw new Error('no stack: run `npm run stack -- up` or set VGPU_STACK_DIR');
const { endpoint, region } = stack.dynamodb;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const timeouts = { connectionTimeout: 2_000, requestTimeout: 5_000 };
const record = JSON.stringify({ state: 'x'.repeat(1_150) });
const keys: ItemKey[] = Array.from({ length: 250 }, (_, index) => ({ pk: `cluster#c#workload#ml#w-${index}`, sk: 'autoscaling' }));

/** One conditional write of `key` from version `version` to the next. */
type Write = (table: string, key: ItemKey, version: number) => Promise<unknown>;

/** Through the repository's adapter (DocumentClient) on a DynamoDB client built with `config`. */
function adapterWrite(config: DynamoDBClientConfig): Write {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region, endpoint, credentials, ...config }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return (table, key, version) => createDynamoDbStateStore(client, table).put({ ...key, data: { record } }, { expectVersion: version });
}

/** A string, a number or a map of strings as an AttributeValue: all a record write's values are. */
const attributeValue = (value: unknown): AttributeValue => (typeof value === 'number' ? { N: String(value) } : typeof value === 'string' ? { S: value }
  : { M: Object.fromEntries(Object.entries(value as Record<string, string>).map(([name, text]) => [name, { S: text }])) });

/** The same UpdateItem on the plain client (values marshalled here), `config` over the defaults. */
function plainWrite(config: DynamoDBClientConfig): Write {
  const client = new DynamoDBClient({ region, endpoint, credentials, requestHandler: timeouts, ...config });
  return async (table, key, version) => {
    const request = putRequest({ ...key, data: { record } }, version, Math.floor(Date.now() / 1000));
    return client.send(new UpdateItemCommand({
      TableName: table, Key: { pk: { S: key.pk }, sk: { S: key.sk } }, UpdateExpression: request.UpdateExpression, ConditionExpression: request.ConditionExpression,
      ExpressionAttributeNames: request.ExpressionAttributeNames, ExpressionAttributeValues: Object.fromEntries(Object.entries(request.ExpressionAttributeValues).map(([token, value]) => [token, attributeValue(value)])), ReturnValues: 'NONE',
    }));
  };
}

/** The same UpdateItem through the DocumentClient of the adapter's settings, without the adapter around it. */
function documentWrite(): Write {
  const client = createDynamoDbClient({ endpoint, region });
  return async (table, key, version) => {
    const request = putRequest({ ...key, data: { record } }, version, Math.floor(Date.now() / 1000));
    return client.send(new UpdateCommand({ TableName: table, Key: { pk: key.pk, sk: key.sk }, ...request, ReturnValues: 'NONE' }));
  };
}

const VARIANTS: Record<string, Write> = {
  'adapter as deployed (createDynamoDbClient)': (() => {
    const client = createDynamoDbClient({ endpoint, region });
    return (table, key, version) => createDynamoDbStateStore(client, table).put({ ...key, data: { record } }, { expectVersion: version });
  })(),
  // The SDK's own agent is already keep-alive with 50 sockets (@smithy/node-http-handler resolveDefaultConfig).
  'adapter, own keep-alive http.Agent of 64 sockets': adapterWrite({ requestHandler: { ...timeouts, httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) } }),
  'DocumentClient UpdateCommand, no adapter around it': documentWrite(),
  'plain client, no DocumentClient marshalling': plainWrite({}),
  'plain client + cacheMiddleware (DocumentClient refuses it)': plainWrite({ cacheMiddleware: true }),
};

/** A table per variant, its items written once (version 1). */
async function prepare(): Promise<Map<string, { table: string; versions: Map<string, number> }>> {
  const setup = createDynamoDbClient({ endpoint, region });
  const tables = new Map<string, { table: string; versions: Map<string, number> }>();
  for (const [index, name] of Object.keys(VARIANTS).entries()) {
    const table = `client-bench-${process.pid}-${index}`;
    await createStateTable(setup, createTableInput(table));
    const store = createDynamoDbStateStore(setup, table);
    for (const key of keys) await store.put({ ...key, data: { record } }, { expectVersion: 'absent' });
    tables.set(name, { table, versions: new Map(keys.map((key) => [key.pk, 1])) });
  }
  return tables;
}

/** `count` writes through `write` (each key in turn, 16 in flight); client CPU and wall time per write, in µs. */
async function measureWrites(write: Write, at: { table: string; versions: Map<string, number> }, count: number) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let done = 0; done < count; done += keys.length) {
    await concurrently(keys.slice(0, Math.min(keys.length, count - done)), 16, async (key) => {
      const version = at.versions.get(key.pk) as number;
      await write(at.table, key, version);
      at.versions.set(key.pk, version + 1);
    });
  }
  const used = process.cpuUsage(cpu);
  return { cpuMicros: (used.user + used.system) / count, wallMicros: ((performance.now() - started) * 1000) / count };
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const tables = await prepare();
for (const [name, write] of Object.entries(VARIANTS)) await measureWrites(write, tables.get(name) as { table: string; versions: Map<string, number> }, keys.length);
const samples = new Map<string, { cpuMicros: number; wallMicros: number }[]>();
const entries = Object.entries(VARIANTS);
for (let round = 0; round < rounds; round++) {
  // Each round starts at another variant, so none always follows the same one.
  for (const [name, write] of [...entries.slice(round % entries.length), ...entries.slice(0, round % entries.length)]) {
    samples.set(name, [...(samples.get(name) ?? []), await measureWrites(write, tables.get(name) as { table: string; versions: Map<string, number> }, writes)]);
  }
}
console.log(`client cost of one conditional UpdateItem on dynalite, ${writes} writes × ${rounds} rounds a variant, medians; ${cpus().length} cores, load average ${loadavg().map((value) => value.toFixed(1)).join(' ')}:`);
console.log('| client | CPU µs per write (median) | range | wall µs per write |');
console.log('|---|---:|---:|---:|');
const results = Object.fromEntries([...samples].map(([name, found]) => {
  const cpu = found.map((sample) => sample.cpuMicros);
  const row = { cpuMicros: Math.round(median(cpu)), cpuRange: [Math.round(Math.min(...cpu)), Math.round(Math.max(...cpu))], wallMicros: Math.round(median(found.map((sample) => sample.wallMicros))) };
  console.log(`| ${name} | ${row.cpuMicros} | ${row.cpuRange.join('–')} | ${row.wallMicros} |`);
  return [name, row];
}));
writeJson(jsonPath, { at: new Date().toISOString(), cores: cpus().length, loadAverage: loadavg(), writes, rounds, results });
process.exit(0);
