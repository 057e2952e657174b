// npm run bench:recommend [-- --seconds <n> --json <file> --no-stack --no-latency]
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
import type { LambdaKafkaEvent } from '../../shared/middleware/kafka-event-schema.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { ItemKey, StateItem, StateStore } from '../../shared/ports/state-store.ts';
import { recommendHarness } from '../fixtures/autoscaling/recommend-harness.ts';
import { admittedTemplate, liveScenario } from '../fixtures/autoscaling/live-stack.ts';
import { admittedPod, usageEvent } from '../fixtures/autoscaling/workload-pods.ts';
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
const jsonPath = argument('json') ?? 'test/bench/results/recommend.json';

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
  const keyOf = (key: ItemKey) => `${key.pk}\u0000${key.sk}`;
  return {
    get: async (key) => items.get(keyOf(key)),
    getMany: async (keys) => keys.map((key) => items.get(keyOf(key))),
    put: async (item, options = {}) => {
      const current = items.get(keyOf(item));
      const expected = options.expectVersion;
      if (expected !== undefined && (expected === 'absent' ? current !== undefined : current?.version !== expected)) throw new AppError('VERSION_CONFLICT', 'raced');
      const stored = { ...item, version: (current?.version ?? 0) + 1 };
      items.set(keyOf(item), stored);
      return stored;
    },
    update: async () => { throw new AppError('INTERNAL', 'not used'); },
    query: async () => [],
  };
}

/** Samples per second the handler ingests with `store` as its table. */
async function ingestRate(store: StateStore): Promise<{ samplesPerSecond: number; samplesPerCpuSecond: number; samples: number; rounds: number; tableWritesPerRound: number }> {
  const harness = recommendHarness({ ledger: true });
  for (let pod = 0; pod < NODES * PODS_PER_NODE; pod++) {
    harness.workloads.putPod(admittedPod({ name: `pod-${pod}`, workload: `w-${Math.floor(pod / PODS_PER_WORKLOAD)}`, createdMs: T0 }));
  }
  let writes = 0;
  const counted: StateStore = { ...store, put: (item, options) => { writes += 1; return store.put(item, options); } };
  const handler = createRecommendHandler({ ...harness.deps, store: counted, ledger: createLedgerGpuLedger(createLedgerStore(counted)) });
  const prepared = Array.from({ length: 8 }, (_, round) => roundBatches(round));
  let rounds = 0;
  let elapsedMs = 0;
  let cpuMicros = 0;
  while (elapsedMs < seconds * 1000) {
    const batches = rounds < prepared.length ? prepared[rounds] as LambdaKafkaEvent[] : roundBatches(rounds);
    harness.clock.set(T0 + rounds * INTERVAL_MS);
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (const batch of batches) await handler(batch, {} as Context);
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    elapsedMs += performance.now() - started;
    rounds += 1;
  }
  const samples = rounds * NODES * PODS_PER_NODE;
  return { samplesPerSecond: Math.round((samples / elapsedMs) * 1000), samplesPerCpuSecond: Math.round((samples / cpuMicros) * 1e6), samples, rounds, tableWritesPerRound: writes / rounds };
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

const reference = await ingestRate(referenceStore());
const rate = (found: { samplesPerSecond: number; samplesPerCpuSecond: number }) =>
  `${found.samplesPerSecond.toLocaleString('en')} samples/s wall, ${found.samplesPerCpuSecond.toLocaleString('en')} per CPU-second`;
console.log(`ingest, table by reference: ${rate(reference)} (the function alone)`);
const memory = await ingestRate(createMemoryStateStore());
console.log(`ingest, table in memory:    ${rate(memory)} (${memory.rounds} intervals, ${memory.tableWritesPerRound} writes per interval for 250 workloads)`);
const stack = process.argv.includes('--no-stack') ? undefined : readEndpoints();
const dynalite = stack === undefined ? undefined : await ingestRate((await createTestTable(stack.dynamodb.endpoint)).store);
if (dynalite !== undefined) console.log(`ingest, table on dynalite:  ${rate(dynalite)} (${dynalite.rounds} intervals, ${dynalite.tableWritesPerRound} writes per interval)`);
const latency = stack === undefined || process.argv.includes('--no-latency') ? undefined : await spikeLatency(10);
if (latency !== undefined) console.log(`spike → patched pod (runner, Kafka, dynalite, kube-apiserver): p50 ${latency.p50Ms} ms, max ${latency.maxMs} ms over ${latency.samplesMs.length} spikes`);
writeJson(jsonPath, { at: new Date().toISOString(), shape: { nodes: NODES, podsPerNode: PODS_PER_NODE, podsPerWorkload: PODS_PER_WORKLOAD, batch: BATCH }, reference, memory, dynalite, latency });
process.exit(0);
