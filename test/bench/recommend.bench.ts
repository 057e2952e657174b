// npm run bench:recommend [-- --rounds <n> --seconds <n> --json <file> --no-stack --no-latency]
// 1. Ingest: gpu.metrics samples per second one recommend-resources instance takes in, in-process, with the
//    table in memory and on dynalite (the stack's): 1,000 pods in 250 workloads on 125 nodes, one event per
//    node per 30 s interval, batches of 100 records (serverless.yml's batchSize); every workload is
//    evaluated and written once per interval; resizes go through the node-ledger adapter (the pods hold no booking).
// 2. Spike → patch: on the stack, the time from publishing a sample over a pod's limit to the pod's
//    annotations showing the raised limit in kube-apiserver (runner process with a 20 ms batch window,
//    Kafka, dynalite, apiserver; the pod is polled every 5 ms). The first spike includes the runner's warm-up.
import type { Context } from 'aws-lambda';
import { readEndpoints } from '../../infra/local/endpoints.ts';
import { createRecommendHandler } from '../../functions/recommend-resources/handler.ts';
import { toLambdaKafkaEvent } from '../../shared/adapters/kafka/lambda-event.ts';
import { createMemoryStateStore } from '../../shared/adapters/memory/state-store.ts';
import { createLedgerGpuLedger } from '../../shared/adapters/state/gpu-ledger.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { recordKey } from '../../functions/recommend-resources/workload-record.ts';
import type { LambdaKafkaEvent } from '../../shared/middleware/kafka-event-schema.ts';
import { AppError } from '../../shared/core/errors.ts';
import { itemId, type StateItem, type StateStore } from '../../shared/ports/state-store.ts';
import { BATCH_GET_KEYS } from '../../shared/adapters/dynamodb/batch-read.ts';
import { manualClock } from '../fixtures/clock.ts';
import { createMemoryCluster } from '../../shared/adapters/memory/cluster.ts';
import { createMemoryWorkloads } from '../../shared/adapters/memory/workloads.ts';
import { admittedTemplate, liveScenario } from '../fixtures/autoscaling/live-stack.ts';
import { admittedPod, usageEvent } from '../fixtures/autoscaling/workload-pods.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestTable } from '../fixtures/handlers/harness.ts';
import { argument, writeJson } from './measure.ts';

const GIB = 1024 ** 3;
const NODES = 125;
const PODS_PER_NODE = 8;
const PODS_PER_WORKLOAD = 4;
const BATCH = 100;
const INTERVAL_MS = 30_000;
const T0 = Date.parse('2025-01-31T12:00:00Z');
const seconds = Number(argument('seconds') ?? 5);
const rounds = Number(argument('rounds') ?? 16);
const jsonPath = argument('json') ?? 'test/bench/results/recommend.json';

/** The commit the bench ran on, with `+dirty` for uncommitted changes. */
function gitCommit(): string {
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  return execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() === '' ? head : `${head}+dirty`;
}

/** Every node's event of interval `round`, as Lambda batches of {@link BATCH} records. */
function roundBatches(round: number): LambdaKafkaEvent[] {
  const endMs = T0 + round * INTERVAL_MS;
  const records = Array.from({ length: NODES }, (_, node) => {
    const pods = Array.from({ length: PODS_PER_NODE }, (_, slot) => ({
      pod: `pod-${node * PODS_PER_NODE + slot}`, computePercent: 4 + ((round * 7 + slot * 3) % 8), vramBytes: (2 + (slot % 3)) * GIB,
    }));
    const event = usageEvent(endMs, pods, { id: round * NODES + node + 1 });
    return { topic: 'gpu-metrics', partition: node % 4, offset: String(round * NODES + node), timestamp: '0', key: `prod-eu-1/node-${node}`, value: JSON.stringify(event), headers: {} };
  });
  const batches: LambdaKafkaEvent[] = [];
  for (let start = 0; start < records.length; start += BATCH) {
    batches.push(toLambdaKafkaEvent(records.slice(start, start + BATCH), { eventSource: 'SelfManagedKafka', bootstrapServers: 'localhost:9092' }));
  }
  return batches;
}

/**
 * A table that keeps items by reference, without the memory adapter's defensive copies: what the function
 * itself costs, the ceiling any store can only lower. Versions and conditional writes as the port says.
 */
function referenceStore(): StateStore {
  const items = new Map<string, StateItem>();
  return {
    get: async (key) => items.get(itemId(key)),
    getMany: async (keys) => keys.map((key) => items.get(itemId(key))),
    put: async (item, options = {}) => {
      const current = items.get(itemId(item));
      const expected = options.expectVersion;
      if (expected !== undefined && (expected === 'absent' ? current !== undefined : current?.version !== expected)) throw new AppError('VERSION_CONFLICT', 'raced');
      const stored = { ...item, version: (current?.version ?? 0) + 1 };
      items.set(itemId(item), stored);
      return stored;
    },
    update: async () => { throw new AppError('INTERNAL', 'not used'); },
    query: async () => [],
  };
}

/** Calls the function made on the StateStore port, by kind; `getMany` counted as the BatchGetItem calls it costs ({@link BATCH_GET_KEYS} keys each). */
interface TableCalls {
  get: number;
  getMany: number;
  put: number;
  update: number;
  query: number;
}

/** `store` counting its calls into `calls`. */
function counting(store: StateStore, calls: TableCalls): StateStore {
  return {
    get: (key) => { calls.get += 1; return store.get(key); },
    getMany: (keys) => { calls.getMany += Math.ceil(new Set(keys.map(itemId)).size / BATCH_GET_KEYS); return store.getMany(keys); },
    put: (item, options) => { calls.put += 1; return store.put(item, options); },
    update: (key, changes, options) => { calls.update += 1; return store.update(key, changes, options); },
    query: (partition, options) => { calls.query += 1; return store.query(partition, options); },
  };
}

const noCalls = (): TableCalls => ({ get: 0, getMany: 0, put: 0, update: 0, query: 0 });
const perBatch = (calls: TableCalls, batches: number) => Object.fromEntries(Object.entries(calls).map(([kind, count]) => [kind, Math.round((count / batches) * 100) / 100]));
const total = (calls: TableCalls): number => calls.get + calls.getMany + calls.put + calls.update + calls.query;

/** The handler on `store`, its pods admitted; the first (cold) round is run here, outside the measurement. */
async function warmHandler(store: StateStore, calls: TableCalls) {
  const clock = manualClock(T0);
  const workloads = createMemoryWorkloads();
  for (let pod = 0; pod < NODES * PODS_PER_NODE; pod++) {
    workloads.putPod(admittedPod({ name: `pod-${pod}`, workload: `w-${Math.floor(pod / PODS_PER_WORKLOAD)}`, createdMs: T0 }));
  }
  const counted = counting(store, calls);
  let ids = 0;
  const handler = createRecommendHandler({
    store: counted, ledger: createLedgerGpuLedger(createLedgerStore(counted)), cluster: createMemoryCluster(), workloads, clock, timeZone: 'UTC',
    publisher: { publish: async () => undefined }, newId: () => `00000000-0000-4000-9000-${String(++ids).padStart(12, '0')}`,
    topics: { metrics: 'gpu-metrics', decisions: 'decisions', deadLetter: 'dead-letter' }, defaultGpu: { vramBytes: 40 * 1024 ** 3, tflops: 312 }, log: () => undefined,
  });
  for (const batch of roundBatches(0)) await handler(batch, {} as Context);
  return { clock, handler };
}

/** One pass: a cold first round (its table calls reported apart), then {@link rounds} measured intervals. */
async function ingestPass(store: StateStore, serverCpuSeconds: () => number) {
  const calls = noCalls();
  const { clock, handler } = await warmHandler(store, calls);
  const coldRound = { ...calls, total: total(calls) };
  Object.assign(calls, noCalls());
  let elapsedMs = 0;
  let cpuMicros = 0;
  let serverMicros = 0;
  for (let round = 1; round <= rounds; round++) {
    const batches = roundBatches(round);
    clock.set(T0 + round * INTERVAL_MS);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const server = serverCpuSeconds();
    for (const batch of batches) await handler(batch, {} as Context);
    const used = process.cpuUsage(cpu);
    serverMicros += (serverCpuSeconds() - server) * 1e6;
    cpuMicros += used.user + used.system;
    elapsedMs += performance.now() - started;
  }
  const stored = await store.get(recordKey({ clusterId: 'prod-eu-1', namespace: 'ml', workload: 'w-0' }));
  const recordJson = stored?.data['record'];
  return { elapsedMs, cpuMicros, serverMicros, calls, coldRound, recordBytes: typeof recordJson === 'string' ? Buffer.byteLength(recordJson) : undefined };
}

/**
 * Samples per second the handler ingests with a table from `newStore`: passes of the same {@link rounds}
 * intervals on a fresh table, repeated until `seconds` have been measured (one pass at least), so every
 * store does the same work whatever its speed.
 */
async function ingestRate(newStore: () => StateStore | Promise<StateStore>, serverCpuSeconds: () => number = () => 0) {
  const sum = { elapsedMs: 0, cpuMicros: 0, serverMicros: 0, passes: 0, calls: noCalls() };
  let coldRound = { ...noCalls(), total: 0 };
  let recordBytes: number | undefined;
  while (sum.passes === 0 || sum.elapsedMs < seconds * 1000) {
    const pass = await ingestPass(await newStore(), serverCpuSeconds);
    sum.elapsedMs += pass.elapsedMs;
    sum.cpuMicros += pass.cpuMicros;
    sum.serverMicros += pass.serverMicros;
    sum.passes += 1;
    for (const kind of Object.keys(sum.calls) as (keyof TableCalls)[]) sum.calls[kind] += pass.calls[kind];
    coldRound = pass.coldRound;
    recordBytes = pass.recordBytes;
  }
  const samples = sum.passes * rounds * NODES * PODS_PER_NODE;
  const batches = sum.passes * rounds * Math.ceil(NODES / BATCH);
  return {
    samplesPerSecond: Math.round((samples / sum.elapsedMs) * 1000), samplesPerCpuSecond: Math.round((samples / sum.cpuMicros) * 1e6),
    samplesPerCpuSecondWithServer: Math.round((samples / (sum.cpuMicros + sum.serverMicros)) * 1e6), samples, passes: sum.passes, batches, wallSeconds: Math.round(sum.elapsedMs) / 1000,
    tableCallsPerBatch: { ...perBatch(sum.calls, batches), total: Math.round((total(sum.calls) / batches) * 100) / 100 }, coldRoundTableCalls: coldRound, recordBytes,
  };
}

/** The DynamoDB requests `client` sends from now on (each one HTTP round trip to the table). */
function requestCounter(client: DynamoDBDocumentClient): { count: () => number } {
  let sent = 0;
  client.middlewareStack.add((next) => async (args) => { sent += 1; return next(args); }, { step: 'initialize', name: 'benchRequestCounter' });
  return { count: () => sent };
}

/** CPU time the stack's dynalite process has used (Linux /proc), or undefined when it cannot be found. */
function dynaliteCpuSeconds(port: string): number | undefined {
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('dynalite') || !command.includes(`--port\u0000${port}`)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** The ingest rate on the stack's dynalite (a fresh table each pass), with the DynamoDB requests sent and the CPU dynalite itself used. */
async function dynaliteRate(endpoint: string) {
  const port = new URL(endpoint).port;
  const tables: Awaited<ReturnType<typeof createTestTable>>[] = [];
  let counted = 0;
  const requests: { count: () => number }[] = [];
  const found = await ingestRate(async () => {
    const table = await createTestTable(endpoint);
    tables.push(table);
    requests.push(requestCounter(table.client));
    return table.store;
  }, () => dynaliteCpuSeconds(port) ?? Number.NaN);
  for (const table of tables) table.client.destroy();
  for (const counter of requests) counted += counter.count();
  return { ...found, dynamoRequests: counted };
}

/** Spike → patched pod on the stack, `count` times. */
async function spikeLatency(count: number): Promise<{ samplesMs: number[]; p50Ms: number; maxMs: number }> {
  const stack = readEndpoints();
  if (stack === undefined) throw new Error('no stack: run `npm run stack -- up` or set VGPU_STACK_DIR');
  const scenario = await liveScenario(stack, 'rec-bench');
  try {
    const template = admittedTemplate('spiky', { 'tensor-fusion.ai/auto-resources': 'true' });
    await scenario.core.createNamespacedPod({ namespace: scenario.namespace, body: { metadata: { ...template.metadata, name: 'spiky-0' }, spec: template.spec } });
    scenario.startRunner();
    const limitOf = async () => (await scenario.core.readNamespacedPod({ name: 'spiky-0', namespace: scenario.namespace })).metadata?.annotations?.['tensor-fusion.ai/tflops-limit'];
    const samplesMs: number[] = [];
    for (let spike = 0, percent = 15; spike < count; spike++, percent *= 1.2) {
      const before = await limitOf();
      const event = usageEvent(Date.now(), [{ pod: 'spiky-0', namespace: scenario.namespace, computePercent: Math.min(percent, 100), vramBytes: GIB }], { clusterId: scenario.clusterId });
      const started = performance.now();
      await scenario.publisher.publish(scenario.topics.metrics, [{ ...event, id: crypto.randomUUID() }]);
      const deadline = Date.now() + 30_000;
      while ((await limitOf()) === before) {
        if (Date.now() > deadline) throw new Error(`spike ${spike} not applied within 30 s`);
        await sleep(5);
      }
      samplesMs.push(Math.round(performance.now() - started));
    }
    const sorted = [...samplesMs].sort((a, b) => a - b);
    return { samplesMs, p50Ms: sorted[Math.floor(sorted.length / 2)] as number, maxMs: sorted.at(-1) as number };
  } finally {
    await scenario.cleanup();
  }
}

type Rate = Awaited<ReturnType<typeof ingestRate>>;
const rows: [string, Rate | undefined][] = [];
const reference = await ingestRate(referenceStore);
rows.push(['function alone (table by reference)', reference]);
const memory = await ingestRate(() => createMemoryStateStore());
rows.push(['memory store', memory]);
const stack = process.argv.includes('--no-stack') ? undefined : readEndpoints();
const dynalite = stack === undefined ? undefined : await dynaliteRate(stack.dynamodb.endpoint);
rows.push(['dynalite store', dynalite]);
console.log(`ingest, ${NODES * PODS_PER_NODE} pods in ${NODES * PODS_PER_NODE / PODS_PER_WORKLOAD} workloads on ${NODES} nodes, batches of ${BATCH} records, ${seconds} s each, on ${cpus().length} cores (${cpus()[0]?.model ?? '?'}):`);
console.log('| store | samples/s wall | per CPU-second: bench process | per CPU-second: bench + dynalite | table calls per batch (steady) | cold round: table calls |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, found] of rows) {
  if (found === undefined) continue;
  const cells = [found.samplesPerSecond, found.samplesPerCpuSecond, found.samplesPerCpuSecondWithServer].map((value) => value.toLocaleString('en'));
  console.log(`| ${name} | ${cells.join(' | ')} | ${found.tableCallsPerBatch.total} (${JSON.stringify(found.tableCallsPerBatch)}) | ${found.coldRoundTableCalls.total} (${JSON.stringify(found.coldRoundTableCalls)}) |`);
}
console.log(`stored record of one workload (w-0, 4 pods) after ${rounds + 1} intervals: ${memory.recordBytes ?? '?'} B of JSON (data.record)`);
if (dynalite !== undefined) {
  console.log(`dynalite: ${dynalite.dynamoRequests} DynamoDB requests sent in all (cold rounds included); dynalite is one single-threaded JS process sharing these ${cpus().length} cores with the bench (load average ${loadavg().map((value) => value.toFixed(1)).join(' ')})`);
}
const latency = stack === undefined || process.argv.includes('--no-latency') ? undefined : await spikeLatency(10);
if (latency !== undefined) console.log(`spike → patched pod (runner, Kafka, dynalite, kube-apiserver): p50 ${latency.p50Ms} ms, max ${latency.maxMs} ms over ${latency.samplesMs.length} spikes`);
writeJson(jsonPath, {
  at: new Date().toISOString(), commit: gitCommit(), cores: cpus().length, loadAverage: loadavg(),
  shape: { nodes: NODES, podsPerNode: PODS_PER_NODE, podsPerWorkload: PODS_PER_WORKLOAD, batch: BATCH, seconds }, reference, memory, dynalite, latency,
});
process.exit(0);
