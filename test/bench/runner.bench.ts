// npm run bench:runner [-- --records 50000 --partitions 6 --batch-size 100 --json test/bench/results/runner.json]
// What the function runner costs over a bare kafkajs consumer, in one run on one broker (the local
// stack's when it is up, else one started here): M small JSON envelopes are produced once, then
// (a) a bare kafkajs consumer (eachBatch, no-op) and (b) the runner delivering them in Lambda's event shape
// to a no-op handler behind the real middleware chain each read all of them, in their own groups.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { Kafka } from 'kafkajs';
import { parseRunnerConfig } from '../../agents/function-runner/config.ts';
import { createFunctionRunner } from '../../agents/function-runner/runner.ts';
import { readEndpoints } from '../../infra/local/endpoints.ts';
import { startKafka, stopKafka, type KafkaBroker } from '../../infra/local/kafka/start.ts';
import { isUp } from '../../infra/local/stack.ts';
import { toLambdaKafkaEvent } from '../../shared/adapters/kafka/lambda-event.ts';
import { CONSUMER_DEFAULTS } from '../../shared/adapters/kafka/consumer.ts';
import { createKafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import type { LambdaKafkaEvent } from '../../shared/middleware/kafka-event-schema.ts';
import { createTopic, produceWork, testKafka, uniqueName } from '../fixtures/handlers/harness.ts';
import { createNoopHandler } from '../fixtures/handlers/noop-handler.ts';
import { buildWorkEvent, toWorkMessage, type WorkEvent } from '../fixtures/handlers/work-event.ts';
import { argument, quantile, rate, round, writeJson } from './measure.ts';

const records = Number(argument('records') ?? 50_000);
const partitions = Number(argument('partitions') ?? 6);
const batchSize = Number(argument('batch-size') ?? 100);
const jsonPath = argument('json') ?? 'test/bench/results/runner.json';

/** Percentiles of durations in ms, to 3 decimals. */
const percentiles = (durations: readonly number[]): { p50Ms: number; p99Ms: number } => {
  const sorted = [...durations].sort((a, b) => a - b);
  return { p50Ms: round(quantile(sorted, 0.5)), p99Ms: round(quantile(sorted, 0.99)) };
};

/** The stack's broker, or one started in a temp folder (and its stop). */
async function broker(): Promise<{ bootstrap: string; version: string; stop: () => Promise<void> }> {
  const endpoints = readEndpoints();
  if (isUp(endpoints)) return { bootstrap: endpoints.kafka.bootstrap, version: endpoints.kafka.version, stop: async () => undefined };
  const root = mkdtempSync(join(tmpdir(), 'vgpu-bench-runner-'));
  const started: KafkaBroker = await startKafka({ stateDir: join(root, 'state'), logDir: join(root, 'logs') });
  return { bootstrap: started.bootstrap, version: started.version, stop: async () => { await stopKafka(started); rmSync(root, { recursive: true, force: true }); } };
}

/** (a) A bare kafkajs consumer with the project's consumer defaults: eachBatch does nothing but count. */
async function bareConsumer(kafka: Kafka, topic: string) {
  const consumer = kafka.consumer({ ...CONSUMER_DEFAULTS, groupId: uniqueName('bench-bare') });
  const batchMs: number[] = [];
  let seen = 0;
  let firstAt = 0;
  let resolveDone: (at: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => { resolveDone = resolve; });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const started = performance.now();
      firstAt ||= started;
      seen += batch.messages.length;
      batchMs.push(performance.now() - started);
      if (seen >= records) resolveDone(performance.now());
    },
  });
  const ms = (await done) - firstAt;
  await consumer.disconnect();
  return { seconds: Number((ms / 1000).toFixed(3)), recordsPerSecond: rate(records, ms), eachBatchCalls: batchMs.length, recordsPerEachBatch: Math.round(records / batchMs.length), eachBatch: percentiles(batchMs) };
}

/** (b) The runner with a no-op handler behind decodeKafkaRecords, deadLetter and kafkaBatchResponse. */
async function viaRunner(kafka: Kafka, target: { readonly bootstrap: string; readonly topic: string; readonly batchWindowMs?: number }) {
  const { bootstrap, topic } = target;
  const publisher = createKafkaEventPublisher(kafka);
  const noop = createNoopHandler({ topics: [topic], publisher, deadLetterTopic: `${topic}-dlt` });
  let handled = 0;
  let firstAt = 0;
  let resolveDone: (at: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => { resolveDone = resolve; });
  const handler = async (event: LambdaKafkaEvent, context: Context): Promise<unknown> => {
    firstAt ||= performance.now();
    const response = await noop(event, context);
    handled += Object.values(event.records).reduce((sum, list) => sum + list.length, 0);
    if (handled >= records) resolveDone(performance.now());
    return response;
  };
  const config = parseRunnerConfig({ brokers: [bootstrap], functionName: 'bench-noop', handler: { module: 'in-process', exportName: 'handler' }, topics: [topic], groupId: uniqueName('bench-runner'), batchSize, deadLetterTopic: `${topic}-dlt`,
    ...(target.batchWindowMs === undefined ? {} : { batchWindowMs: target.batchWindowMs }) });
  const runner = createFunctionRunner({ config, handler, log: () => undefined });
  await runner.start();
  const ms = (await done) - firstAt;
  await runner.stop();
  await publisher.disconnect();
  const latency = runner.metrics.latency();
  return { batchSize, batchWindowMs: config.batchWindowMs, seconds: Number((ms / 1000).toFixed(3)), recordsPerSecond: rate(records, ms), invocations: latency.count, batchLatency: { p50Ms: Number(latency.p50Ms.toFixed(3)), p99Ms: Number(latency.p99Ms.toFixed(3)) } };
}

/** The middleware chain alone on one prebuilt batch of `batchSize` records, in-process: the share of the runner's batch latency that is the handler's. */
async function chainAlone(topic: string) {
  const noop = createNoopHandler({ topics: [topic], publisher: { publish: async () => undefined }, deadLetterTopic: 'unused' });
  const events: WorkEvent[] = Array.from({ length: batchSize }, (_unused, seq) => buildWorkEvent(seq));
  const event = toLambdaKafkaEvent(events.map((work, offset) => ({ topic, partition: 0, offset, timestamp: 0, ...toWorkMessage(work) })), { eventSource: 'SelfManagedKafka', bootstrapServers: 'bench:9092' });
  const durations: number[] = [];
  for (let round = 0; round < 2_000; round += 1) {
    const started = performance.now();
    await noop(structuredClone(event), {} as Context);
    if (round >= 200) durations.push(performance.now() - started);
  }
  return percentiles(durations);
}

async function main(): Promise<void> {
  const kafkaBroker = await broker();
  const kafka = testKafka(kafkaBroker.bootstrap);
  const topic = uniqueName('bench-runner');
  try {
    await createTopic(kafka, topic, partitions);
    await createTopic(kafka, `${topic}-dlt`, 1);
    const events = Array.from({ length: records }, (_unused, seq) => buildWorkEvent(seq));
    const produceStarted = performance.now();
    await produceWork(kafka, topic, events);
    const produceMs = performance.now() - produceStarted;
    const bare = await bareConsumer(kafka, topic);
    const runner = await viaRunner(kafka, { bootstrap: kafkaBroker.bootstrap, topic });
    const runnerNoWindow = await viaRunner(kafka, { bootstrap: kafkaBroker.bootstrap, topic, batchWindowMs: 0 });
    const chain = await chainAlone(topic);
    report({ kafkaVersion: kafkaBroker.version, valueBytes: toWorkMessage(events[0] ?? buildWorkEvent(0)).value.length, produce: { seconds: Number((produceMs / 1000).toFixed(3)), recordsPerSecond: rate(records, produceMs) }, bare, runner, runnerNoWindow, chain });
  } finally {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, `${topic}-dlt`] }).catch(() => undefined);
    await admin.disconnect();
    await kafkaBroker.stop();
  }
}

interface Figures {
  readonly kafkaVersion: string;
  readonly valueBytes: number;
  readonly produce: { seconds: number; recordsPerSecond: number };
  readonly bare: Awaited<ReturnType<typeof bareConsumer>>;
  readonly runner: Awaited<ReturnType<typeof viaRunner>>;
  /** The same with batchWindowMs 0: no fetch waits for the window, so the drain's tail is not held back. */
  readonly runnerNoWindow: Awaited<ReturnType<typeof viaRunner>>;
  readonly chain: { p50Ms: number; p99Ms: number };
}

function report(figures: Figures): void {
  const { bare, runner, runnerNoWindow, chain } = figures;
  const ratio = Number((runner.recordsPerSecond / bare.recordsPerSecond).toFixed(3));
  const ratioNoWindow = Number((runnerNoWindow.recordsPerSecond / bare.recordsPerSecond).toFixed(3));
  const addedLatencyPerBatchMs = { p50: Number((runner.batchLatency.p50Ms - bare.eachBatch.p50Ms).toFixed(3)), p99: Number((runner.batchLatency.p99Ms - bare.eachBatch.p99Ms).toFixed(3)) };
  console.log(`bench:runner: ${records} records (${figures.valueBytes} B values) on ${partitions} partitions, Kafka ${figures.kafkaVersion}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`produce                      ${String(figures.produce.recordsPerSecond).padStart(9)} records/s`);
  console.log(`(a) bare kafkajs eachBatch   ${String(bare.recordsPerSecond).padStart(9)} records/s  (${bare.eachBatchCalls} eachBatch calls, ~${bare.recordsPerEachBatch} records each; p50 ${bare.eachBatch.p50Ms} ms, p99 ${bare.eachBatch.p99Ms} ms)`);
  console.log(`(b) runner → middy no-op     ${String(runner.recordsPerSecond).padStart(9)} records/s  (${runner.invocations} invocations of ≤${runner.batchSize} records, window ${runner.batchWindowMs} ms)`);
  console.log(`    same, window 0 ms        ${String(runnerNoWindow.recordsPerSecond).padStart(9)} records/s  (${runnerNoWindow.invocations} invocations)`);
  console.log(`ratio runner / bare          ${ratio} (window 0: ${ratioNoWindow})`);
  console.log(`added latency per batch      p50 ${addedLatencyPerBatchMs.p50} ms, p99 ${addedLatencyPerBatchMs.p99} ms (of which the middleware chain alone: p50 ${chain.p50Ms} ms, p99 ${chain.p99Ms} ms)`);
  writeJson(jsonPath, { bench: 'runner', node: process.version, cpus: cpus().length, records, partitions, ...figures, ratio, ratioNoWindow, addedLatencyPerBatchMs, middlewareChainPerBatch: chain });
  console.log(`wrote ${jsonPath}`);
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
