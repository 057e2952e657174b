// npm run bench:recommend [-- --rounds <n> --seconds <n> --spikes <n> --backlog-batch <n> --metrics-compression gzip|none --json <file> --no-stack --no-latency]
// 1. Ingest: gpu.metrics samples per second one recommend-resources instance takes in, in-process, with the
//    table in memory and on dynalite (the stack's): 1,000 pods in 250 workloads on 125 nodes, one event per
//    node per 30 s interval; resizes go through the node-ledger adapter (the pods hold no booking). Records
//    are encoded as the node-agent sends them: values gzipped with content-encoding: gzip (its default;
//    `--metrics-compression none` for plain JSON), so the function pays the gunzip. Two loads:
//    - steady (live): each interval on its own, in batches of 100 records, so a workload's write carries its
//      4 pods' samples of one interval (4 samples);
//    - backlog (catch-up): the measured intervals queued at once, in full batches of serverless.yml's
//      gpu-metrics batchSize (or --backlog-batch), so a workload's one write per batch carries every interval
//      of the batch. These records (no GPU loads, short names) are smaller than a busy production node's
//      (test/serverless/metrics-batch-size.test.ts), which the batch size is sized for.
//    Also the node-agent's side: gzip µs per record and the compression ratio, for these records and a busy node's.
// 2. Spike → patch: on the stack, the time from publishing a sample over a pod's limit to the pod's
//    annotations showing the raised limit in kube-apiserver (runner process on serverless.yml's definition,
//    its batch size included, with a 20 ms batch window; Kafka, dynalite, apiserver; each pod is polled every
//    5 ms). The first spike includes the runner's warm-up.
import type { Context } from 'aws-lambda';
import { readEndpoints } from '../../infra/local/endpoints.ts';
import { createRecommendHandler } from '../../functions/recommend-resources/handler.ts';
import { gzipMessage, toEventMessage } from '../../shared/adapters/kafka/event-message.ts';
import { toLambdaKafkaEvent } from '../../shared/adapters/kafka/lambda-event.ts';
import { lambdaRecordBytes } from '../../shared/adapters/kafka/lambda-event-bytes.ts';
import { decodeContent } from '../../shared/middleware/content-encoding.ts';
import type { GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';
import { busyNodeEvent } from '../fixtures/autoscaling/node-metrics-event.ts';
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
import { loadFunction } from '../../agents/function-runner/load-function.ts';
import { argument, measure, writeJson } from './measure.ts';

const GIB = 1024 ** 3;
const NODES = 125;
const PODS_PER_NODE = 8;
const PODS_PER_WORKLOAD = 4;
const BATCH = 100;
/** serverless.yml's gpu-metrics batch size, the backlog load's batches (`--backlog-batch` to try another). */
const DEPLOYED_BATCH = loadFunction(new URL('../../serverless.yml', import.meta.url).pathname, { functionName: 'recommend-resources' }).batchSize ?? BATCH;
const BACKLOG_BATCH = Number(argument('backlog-batch') ?? DEPLOYED_BATCH);
const INTERVAL_MS = 30_000;
const T0 = Date.parse('2025-01-31T12:00:00Z');
const seconds = Number(argument('seconds') ?? 5);
const rounds = Number(argument('rounds') ?? 16);
const spikes = Number(argument('spikes') ?? 10);
const jsonPath = argument('json') ?? 'test/bench/results/recommend.json';
/** As the node-agent sends gpu-metrics (its `--metrics-compression`, default gzip). */
const GZIP = (argument('metrics-compression') ?? 'gzip') === 'gzip';

/** `event`'s Kafka message as the node-agent publishes it. */
const nodeAgentMessage = (event: GpuMetricsEvent) => (GZIP ? gzipMessage(toEventMessage(event)) : toEventMessage(event));

/** The commit the bench ran on, with `+dirty` for uncommitted changes. */
function gitCommit(): string {
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  return execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() === '' ? head : `${head}+dirty`;
}

/** Every node's record of interval `round`, with the interval's end. */
function roundRecords(round: number) {
  const endMs = T0 + round * INTERVAL_MS;
  return Array.from({ length: NODES }, (_, node) => {
    const pods = Array.from({ length: PODS_PER_NODE }, (_, slot) => ({
      pod: `pod-${node * PODS_PER_NODE + slot}`, computePercent: 4 + ((round * 7 + slot * 3) % 8), vramBytes: (2 + (slot % 3)) * GIB,
    }));
    const { value, headers } = nodeAgentMessage(usageEvent(endMs, pods, { id: round * NODES + node + 1 }));
    return { endMs, record: { topic: 'gpu-metrics', partition: node % 4, offset: String(round * NODES + node), timestamp: '0', key: `prod-eu-1/node-${node}`, value, headers } };
  });
}

/** One handler call of a load: the Lambda event, and the time the instance handles it at. */
interface Scheduled {
  readonly atMs: number;
  readonly batch: LambdaKafkaEvent;
}

/** `records` in Lambda batches of `size`, each handled when its newest interval has ended. */
function batchesOf(records: ReturnType<typeof roundRecords>, size: number): Scheduled[] {
  const batches: Scheduled[] = [];
  for (let start = 0; start < records.length; start += size) {
    const slice = records.slice(start, start + size);
    const batch = toLambdaKafkaEvent(slice.map((entry) => entry.record), { eventSource: 'SelfManagedKafka', bootstrapServers: 'localhost:9092' });
    batches.push({ atMs: Math.max(...slice.map((entry) => entry.endMs)), batch });
  }
  return batches;
}

/** How the measured intervals reach the instance. */
interface Load {
  readonly name: 'steady' | 'backlog';
  readonly batchRecords: number;
  /** The handler calls of intervals `1..count`, in order. */
  schedule(count: number): Scheduled[];
}

const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index + 1);
/** `schedule` made once per count: the same records every pass (encoding them is the node-agent's work, not the function's). */
function once(schedule: (count: number) => Scheduled[]): (count: number) => Scheduled[] {
  const made = new Map<number, Scheduled[]>();
  return (count) => made.get(count) ?? (made.set(count, schedule(count)).get(count) as Scheduled[]);
}
/** Live: each interval arrives on its own, in batches of {@link BATCH}. */
const steady: Load = { name: 'steady', batchRecords: BATCH, schedule: once((count) => range(count).flatMap((round) => batchesOf(roundRecords(round), BATCH))) };
/** Catch-up: every interval queued, in full batches of {@link BACKLOG_BATCH}. */
const backlog: Load = { name: 'backlog', batchRecords: BACKLOG_BATCH, schedule: once((count) => batchesOf(range(count).flatMap(roundRecords), BACKLOG_BATCH)) };

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
  for (const { batch } of batchesOf(roundRecords(0), BATCH)) await handler(batch, {} as Context);
  return { clock, handler };
}

/** One pass: a cold first round (its table calls reported apart), then {@link rounds} measured intervals as `load` delivers them. */
async function ingestPass(store: StateStore, load: Load, serverCpuSeconds: () => number) {
  const calls = noCalls();
  const { clock, handler } = await warmHandler(store, calls);
  const coldRound = { ...calls, total: total(calls) };
  Object.assign(calls, noCalls());
  let elapsedMs = 0;
  let cpuMicros = 0;
  let serverMicros = 0;
  const schedule = load.schedule(rounds);
  for (const { atMs, batch } of schedule) {
    clock.set(atMs);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const server = serverCpuSeconds();
    await handler(batch, {} as Context);
    const used = process.cpuUsage(cpu);
    serverMicros += (serverCpuSeconds() - server) * 1e6;
    cpuMicros += used.user + used.system;
    elapsedMs += performance.now() - started;
  }
  const stored = await store.get(recordKey({ clusterId: 'prod-eu-1', namespace: 'ml', workload: 'w-0' }));
  const recordJson = stored?.data['record'];
  return { elapsedMs, cpuMicros, serverMicros, calls, coldRound, batches: schedule.length, recordBytes: typeof recordJson === 'string' ? Buffer.byteLength(recordJson) : undefined };
}

/**
 * Samples per second the handler ingests with a table from `newStore`: passes of the same {@link rounds}
 * intervals on a fresh table, repeated until `seconds` have been measured (one pass at least), so every
 * store does the same work whatever its speed.
 */
async function ingestRate(newStore: () => StateStore | Promise<StateStore>, load: Load, serverCpuSeconds: () => number = () => 0) {
  const sum = { elapsedMs: 0, cpuMicros: 0, serverMicros: 0, passes: 0, batches: 0, calls: noCalls() };
  let coldRound = { ...noCalls(), total: 0 };
  let recordBytes: number | undefined;
  while (sum.passes === 0 || sum.elapsedMs < seconds * 1000) {
    const pass = await ingestPass(await newStore(), load, serverCpuSeconds);
    sum.elapsedMs += pass.elapsedMs;
    sum.batches += pass.batches;
    sum.cpuMicros += pass.cpuMicros;
    sum.serverMicros += pass.serverMicros;
    sum.passes += 1;
    for (const kind of Object.keys(sum.calls) as (keyof TableCalls)[]) sum.calls[kind] += pass.calls[kind];
    coldRound = pass.coldRound;
    recordBytes = pass.recordBytes;
  }
  const samples = sum.passes * rounds * NODES * PODS_PER_NODE;
  const { batches } = sum;
  return {
    load: load.name, batchRecords: load.batchRecords, samplesPerWrite: Math.round((samples / sum.calls.put) * 10) / 10,
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
async function dynaliteRate(endpoint: string, load: Load) {
  const port = new URL(endpoint).port;
  const tables: Awaited<ReturnType<typeof createTestTable>>[] = [];
  let counted = 0;
  const requests: { count: () => number }[] = [];
  const found = await ingestRate(async () => {
    const table = await createTestTable(endpoint);
    tables.push(table);
    requests.push(requestCounter(table.client));
    return table.store;
  }, load, () => dynaliteCpuSeconds(port) ?? Number.NaN);
  for (const table of tables) table.client.destroy();
  for (const counter of requests) counted += counter.count();
  return { ...found, dynamoRequests: counted };
}

/** The node-agent's encoding of one record (`event`): JSON and gzipped bytes, gzip and gunzip µs, bytes in the Lambda event. */
function encodingCost(event: GpuMetricsEvent) {
  const plain = toEventMessage(event);
  const gzipped = gzipMessage(plain);
  const gzipNs = measure('gzip', () => gzipMessage(plain), { seconds: 1, batch: 100 }).nsPerOp;
  const gunzipNs = measure('gunzip', () => decodeContent(gzipped.value, 'gzip'), { seconds: 1, batch: 100 }).nsPerOp;
  const inEvent = (message: typeof plain | typeof gzipped) => lambdaRecordBytes({ topic: 'gpu-metrics', partition: 0, offset: '0', timestamp: '0', ...message });
  return {
    jsonBytes: Buffer.byteLength(plain.value), gzipBytes: gzipped.value.byteLength, ratio: Math.round((Buffer.byteLength(plain.value) / gzipped.value.byteLength) * 100) / 100,
    gzipMicros: Math.round(gzipNs / 100) / 10, gunzipMicros: Math.round(gunzipNs / 100) / 10, lambdaBytesPlain: inEvent(plain), lambdaBytesGzip: inEvent(gzipped),
  };
}

/** The `q` quantile of `sorted` by nearest rank (with n samples, p99 is the largest below 100). */
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;

/** Pods spiked in turn, each its own workload, so every spike must raise its pod's limit. */
const SPIKY_PODS = 3;

/** Spike → patched pod on the stack, `perPod` times on each of {@link SPIKY_PODS} pods, in turn. */
async function spikeLatency(perPod: number) {
  const stack = readEndpoints();
  if (stack === undefined) throw new Error('no stack: run `npm run stack -- up` or set VGPU_STACK_DIR');
  const scenario = await liveScenario(stack, 'rec-bench');
  try {
    const names = Array.from({ length: SPIKY_PODS }, (_, index) => `spiky-${index}`);
    for (const name of names) {
      const template = admittedTemplate(name, { 'tensor-fusion.ai/auto-resources': 'true' });
      await scenario.core.createNamespacedPod({ namespace: scenario.namespace, body: { metadata: { ...template.metadata, name }, spec: template.spec } });
    }
    scenario.startRunner();
    const limitOf = async (name: string) => (await scenario.core.readNamespacedPod({ name, namespace: scenario.namespace })).metadata?.annotations?.['tensor-fusion.ai/tflops-limit'];
    const samplesMs: number[] = [];
    for (let spike = 0, percent = 15; spike < perPod; spike++, percent *= 1.2) {
      for (const name of names) {
        const before = await limitOf(name);
        const event = usageEvent(Date.now(), [{ pod: name, namespace: scenario.namespace, computePercent: Math.min(percent, 100), vramBytes: GIB }], { clusterId: scenario.clusterId });
        const started = performance.now();
        await scenario.publisher.publish(scenario.topics.metrics, [{ ...event, id: crypto.randomUUID() }]);
        const deadline = Date.now() + 30_000;
        while ((await limitOf(name)) === before) {
          if (Date.now() > deadline) throw new Error(`spike ${spike} on ${name} not applied within 30 s`);
          await sleep(5);
        }
        samplesMs.push(Math.round(performance.now() - started));
      }
    }
    const sorted = [...samplesMs].sort((a, b) => a - b);
    return { samplesMs, p50Ms: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9), p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1) as number };
  } finally {
    await scenario.cleanup();
  }
}

const encoding = {
  benchRecord: encodingCost(usageEvent(T0, Array.from({ length: PODS_PER_NODE }, (_, slot) => ({ pod: `pod-${slot}`, computePercent: 4 + slot, vramBytes: (2 + (slot % 3)) * GIB })))),
  busyNode: encodingCost(busyNodeEvent({ pods: 8, gpus: 8 })),
};
type Rate = Awaited<ReturnType<typeof ingestRate>>;
const stack = process.argv.includes('--no-stack') ? undefined : readEndpoints();
const byLoad = {} as Record<Load['name'], { reference: Rate; memory: Rate; dynalite: (Rate & { dynamoRequests: number }) | undefined }>;
for (const load of [steady, backlog]) {
  byLoad[load.name] = {
    reference: await ingestRate(referenceStore, load),
    memory: await ingestRate(() => createMemoryStateStore(), load),
    dynalite: stack === undefined ? undefined : await dynaliteRate(stack.dynamodb.endpoint, load),
  };
}
for (const [name, cost] of [['bench record (8 pods, no GPU loads)', encoding.benchRecord], ['busy node (8 pods on 8 GPUs, test fixture)', encoding.busyNode]] as const) {
  console.log(`node-agent gzip, ${name}: ${cost.jsonBytes.toLocaleString('en')} B JSON → ${cost.gzipBytes.toLocaleString('en')} B (${cost.ratio}×); gzip ${cost.gzipMicros} µs a record (node-agent), gunzip ${cost.gunzipMicros} µs (function); in the Lambda event ${cost.lambdaBytesPlain.toLocaleString('en')} → ${cost.lambdaBytesGzip.toLocaleString('en')} B`);
}
console.log(`ingest, records ${GZIP ? 'gzipped as the node-agent sends them (content-encoding: gzip)' : 'plain JSON (--metrics-compression none)'}, ${NODES * PODS_PER_NODE} pods in ${NODES * PODS_PER_NODE / PODS_PER_WORKLOAD} workloads on ${NODES} nodes, ${rounds} intervals a pass, ${seconds} s each, on ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); steady: batches of ${BATCH} records, each interval on its own; backlog: the ${rounds} intervals queued, batches of ${BACKLOG_BATCH}${BACKLOG_BATCH === DEPLOYED_BATCH ? ' (serverless.yml gpu-metrics)' : ` (serverless.yml says ${DEPLOYED_BATCH})`}:`);
console.log('| load | store | samples per write | samples/s wall | per CPU-second: bench process | per CPU-second: bench + dynalite | table calls per batch | cold round: table calls |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
const STORES = [['reference', 'function alone (table by reference)'], ['memory', 'memory store'], ['dynalite', 'dynalite store']] as const;
for (const load of [steady, backlog]) {
  for (const [key, name] of STORES) {
    const found = byLoad[load.name][key];
    if (found === undefined) continue;
    const cells = [found.samplesPerSecond, found.samplesPerCpuSecond, found.samplesPerCpuSecondWithServer].map((value) => value.toLocaleString('en'));
    console.log(`| ${load.name} (${load.batchRecords}) | ${name} | ${found.samplesPerWrite} | ${cells.join(' | ')} | ${found.tableCallsPerBatch.total} (${JSON.stringify(found.tableCallsPerBatch)}) | ${found.coldRoundTableCalls.total} (${JSON.stringify(found.coldRoundTableCalls)}) |`);
  }
}
console.log(`stored record of one workload (w-0, 4 pods) after ${rounds + 1} intervals: ${byLoad.steady.memory.recordBytes ?? '?'} B of JSON (data.record) steady, ${byLoad.backlog.memory.recordBytes ?? '?'} B backlog`);
for (const load of [steady, backlog]) {
  const found = byLoad[load.name].dynalite;
  if (found !== undefined) console.log(`dynalite, ${load.name}: ${found.dynamoRequests} DynamoDB requests sent in all (cold rounds included)`);
}
if (stack !== undefined) console.log(`dynalite is one single-threaded JS process sharing these ${cpus().length} cores with the bench (load average ${loadavg().map((value) => value.toFixed(1)).join(' ')})`);
const latency = stack === undefined || process.argv.includes('--no-latency') ? undefined : await spikeLatency(spikes);
if (latency !== undefined) {
  console.log(`spike → patched pod (runner on serverless.yml's recommend-resources, batch size ${DEPLOYED_BATCH}, 20 ms window; Kafka, dynalite, kube-apiserver): p50 ${latency.p50Ms} ms, p90 ${latency.p90Ms} ms, p99 ${latency.p99Ms} ms, max ${latency.maxMs} ms over ${latency.samplesMs.length} spikes`);
}
writeJson(jsonPath, {
  at: new Date().toISOString(), commit: gitCommit(), cores: cpus().length, loadAverage: loadavg(),
  metricsCompression: GZIP ? 'gzip' : 'none', encoding,
  shape: { nodes: NODES, podsPerNode: PODS_PER_NODE, podsPerWorkload: PODS_PER_WORKLOAD, intervals: rounds, steadyBatch: BATCH, backlogBatch: BACKLOG_BATCH, seconds },
  steady: byLoad.steady, backlog: byLoad.backlog, latency,
});
process.exit(0);
