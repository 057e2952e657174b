// The function runner against the stack's real Kafka broker and dynalite: it delivers records to a
// handler built from the real middlewares in Lambda's Kafka event shape, retries exactly the records the
// handler fails, parks poison records on the dead-letter topic while the partition moves on, and serves
// its metrics. Crashes and broker restarts are in runner-crash.test.ts and runner-broker.test.ts.
import type { Context } from 'aws-lambda';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseRunnerConfig, type RunnerConfigInput } from '../../agents/function-runner/config.ts';
import type { KafkaHandler } from '../../agents/function-runner/invoke.ts';
import { startMetricsServer } from '../../agents/function-runner/metrics-server.ts';
import { createFunctionRunner, type FunctionRunner } from '../../agents/function-runner/runner.ts';
import { createKafkaEventPublisher, type KafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { LambdaKafkaEvent, LambdaKafkaRecord } from '../../shared/middleware/kafka-event-schema.ts';
import type { DeadLetterEvent } from '../../shared/schemas/events/dead-letter.ts';
import { createEffectsHandler, readEffects } from '../fixtures/handlers/effects-handler.ts';
import {
  committedOffsets, committedTotal, createTestTable, createTopic, produceWork, readTopic, testKafka, uniqueName, waitFor, type TestTable,
} from '../fixtures/handlers/harness.ts';
import { buildWorkEvent, type WorkBehaviour, type WorkEvent } from '../fixtures/handlers/work-event.ts';

const stack = inject('stack');
let kafka: Kafka;
let table: TestTable;
let publisher: KafkaEventPublisher;
const runners: FunctionRunner[] = [];

beforeAll(async () => {
  kafka = testKafka(stack.kafka.bootstrap);
  table = await createTestTable(stack.dynamodb.endpoint);
  publisher = createKafkaEventPublisher(kafka);
});

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await publisher.disconnect();
  table.client.destroy();
});

/** A fresh topic (and dead-letter topic, group, scope) for one test. */
async function scenario(name: string, partitions: number) {
  const topic = uniqueName(`runner-${name}`);
  const deadLetterTopic = `${topic}-dlt`;
  await createTopic(kafka, topic, partitions);
  await createTopic(kafka, deadLetterTopic, 1);
  return { topic, deadLetterTopic, groupId: `${topic}-group`, scope: topic };
}

type Scenario = Awaited<ReturnType<typeof scenario>>;

/** Events 0..count-1, with the behaviours `scripted` gives some of them. */
const workItems = (count: number, scripted: Readonly<Record<number, WorkBehaviour>> = {}): WorkEvent[] =>
  Array.from({ length: count }, (_unused, seq) => buildWorkEvent(seq, scripted[seq]));

const effectsHandler = (at: Scenario): KafkaHandler => createEffectsHandler({
  topics: [at.topic], store: table.store, idempotency: table.idempotency, publisher, deadLetterTopic: at.deadLetterTopic, scope: at.scope,
});

/** Start an in-process runner on the scenario's topic; test settings keep batches small and backoffs short. */
async function startRunner(at: Scenario, handler: KafkaHandler, overrides: Partial<RunnerConfigInput> = {}): Promise<FunctionRunner> {
  const config = parseRunnerConfig({
    brokers: [stack.kafka.bootstrap], functionName: 'runner-it', handler: { module: 'in-process', exportName: 'handler' },
    topics: [at.topic], groupId: at.groupId, batchSize: 10, batchWindowMs: 100, backoffBaseMs: 50, backoffMaxMs: 200,
    sessionTimeoutMs: 6_000, deadLetterTopic: at.deadLetterTopic, ...overrides,
  });
  const runner = createFunctionRunner({ config, handler, log: () => undefined });
  runners.push(runner);
  await runner.start();
  return runner;
}

const recordsOf = (event: LambdaKafkaEvent): Record<string, readonly LambdaKafkaRecord[]> => event.records as Record<string, readonly LambdaKafkaRecord[]>;
const bytesText = (bytes: readonly number[] | undefined): string => Buffer.from(bytes ?? []).toString('utf8');
const fromBase64 = (text: string | null | undefined): string => Buffer.from(text ?? '', 'base64').toString('utf8');

/** One invocation as the handler saw it. */
interface Seen {
  readonly event: LambdaKafkaEvent;
  readonly context: Context;
  readonly remainingMs: number;
}

/** Every invocation carried Lambda's Kafka event: source, servers, records keyed "topic-partition", base64 key and value, byte-array headers. */
function expectLambdaShape(seen: readonly Seen[], topic: string): void {
  const first = seen[0];
  expect(first?.event).toMatchObject({ eventSource: 'SelfManagedKafka', bootstrapServers: stack.kafka.bootstrap });
  expect(first?.context).toMatchObject({ functionName: 'runner-it', awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  expect(first?.remainingMs).toBeGreaterThan(5_000);
  const records = seen.flatMap(({ event }) => Object.entries(recordsOf(event)).flatMap(([group, list]) => list.map((record) => ({ group, record }))));
  expect(records).toHaveLength(30);
  for (const { group, record } of records) {
    expect(group).toBe(`${topic}-${record.partition}`);
    expect(record).toMatchObject({ topic, offset: expect.any(Number), timestamp: expect.any(Number), timestampType: 'CREATE_TIME' });
    const value = JSON.parse(fromBase64(record.value)) as WorkEvent;
    expect(fromBase64(record.key)).toBe(`test-cluster/work-${value.data.seq % 8}`);
    expect((record.headers ?? []).map((header) => Object.fromEntries(Object.entries(header).map(([name, bytes]) => [name, bytesText(bytes)]))))
      .toEqual([{ 'ce-type': 'test.work' }, { 'ce-id': value.id }, { 'content-type': 'application/json' }]);
  }
}

/** /metrics reports the counters and a zero lag for every partition; /healthz answers 200. */
async function expectMetricsServed(runner: FunctionRunner, topic: string): Promise<void> {
  const server = await startMetricsServer({ port: 0, metrics: runner.metrics, lag: () => runner.lag(), healthy: () => runner.healthy() });
  try {
    const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    expect(text).toContain('vgpu_runner_records_in_total{function="runner-it"} 30');
    expect(text).toMatch(/vgpu_runner_batch_duration_seconds_count\{function="runner-it"\} [1-9]/);
    for (const partition of [0, 1, 2]) expect(text).toContain(`vgpu_runner_consumer_lag{function="runner-it",topic="${topic}",partition="${partition}"} 0`);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  } finally {
    await server.close();
  }
}

describe('Agent: function runner (Kafka → handler in Lambda shape)', () => {
  it('delivers N events to the handler in Lambda\'s Kafka event shape, each effect once, and reports metrics', async () => {
    const at = await scenario('shape', 3);
    const events = workItems(30);
    const seen: Seen[] = [];
    const inner = effectsHandler(at);
    const runner = await startRunner(at, async (event, context) => {
      seen.push({ event: structuredClone(event), context, remainingMs: context.getRemainingTimeInMillis() });
      return inner(event, context);
    });
    await produceWork(kafka, at.topic, events);
    await waitFor('30 effects and their commits', async () => (await committedTotal(kafka, at.groupId, at.topic)) === 30);

    expectLambdaShape(seen, at.topic);
    expect(seen.every(({ event }) => Object.values(recordsOf(event)).flat().length <= 10)).toBe(true);

    const { effects, deliveries } = await readEffects(table.store, at.scope);
    expect(effects.map((effect) => effect.seq).sort((a, b) => a - b)).toEqual(events.map((event) => event.data.seq));
    expect([...deliveries.values()].every((count) => count === 1)).toBe(true);
    expect({ in: runner.metrics.value('recordsIn'), out: runner.metrics.value('recordsOut'), failed: runner.metrics.value('recordsFailed') }).toEqual({ in: 30, out: 30, failed: 0 });

    await expectMetricsServed(runner, at.topic);
  });

  it('retries exactly the records the handler fails, each until it succeeds, and commits the rest once', async () => {
    const at = await scenario('retry', 2);
    const events = workItems(40, { 5: { failTimes: 2 }, 22: { failTimes: 1 }, 31: { failTimes: 3 } });
    const runner = await startRunner(at, effectsHandler(at));
    await produceWork(kafka, at.topic, events);
    await waitFor('all 40 committed', async () => (await committedTotal(kafka, at.groupId, at.topic)) === 40);

    const { effects, deliveries } = await readEffects(table.store, at.scope);
    expect(effects).toHaveLength(40);
    const expected = new Map(events.map((event) => [event.id, event.data.failTimes + 1]));
    expect(deliveries).toEqual(expected);
    expect({ retries: runner.metrics.value('retries'), failed: runner.metrics.value('recordsFailed'), parked: runner.metrics.value('deadLettered') })
      .toEqual({ retries: 6, failed: 6, parked: 0 });
  });

  it('parks a poison record on the dead-letter topic and keeps the partition moving', async () => {
    const at = await scenario('poison', 1);
    const events = workItems(10, { 4: { poison: true } });
    await startRunner(at, effectsHandler(at));
    await produceWork(kafka, at.topic, events);
    await waitFor('the partition committed past every record', async () => (await committedOffsets(kafka, at.groupId, at.topic)).get(0) === 10);

    const [letter, ...more] = (await readTopic(kafka, at.deadLetterTopic, 1)) as DeadLetterEvent[];
    expect(more).toEqual([]);
    expect(letter).toMatchObject({
      type: 'dead-letter', clusterId: 'test-cluster', source: 'test/effects-handler',
      data: { topic: at.topic, partition: 0, offset: 4, error: { code: 'CONFLICTING_OPTIONS', message: 'work item 4 is poison' }, headers: { 'ce-type': 'test.work' } },
    });
    expect(JSON.parse(letter?.data.value?.data ?? '{}')).toEqual(events[4]);
    const { effects, deliveries } = await readEffects(table.store, at.scope);
    expect(effects.map((effect) => effect.seq).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(deliveries.get(events[4]?.id ?? '')).toBe(1);
  });

  it('after maxRetries parks the record itself, with the dead-letter envelope, and moves on', async () => {
    const at = await scenario('give-up', 1);
    const events = workItems(8, { 3: { failTimes: 1_000 } });
    const runner = await startRunner(at, effectsHandler(at), { maxRetries: 2 });
    await produceWork(kafka, at.topic, events);
    await waitFor('the partition committed past every record', async () => (await committedOffsets(kafka, at.groupId, at.topic)).get(0) === 8);

    const [letter, ...more] = (await readTopic(kafka, at.deadLetterTopic, 1)) as DeadLetterEvent[];
    expect(more).toEqual([]);
    expect(letter).toMatchObject({
      type: 'dead-letter', source: 'function-runner/runner-it',
      data: { topic: at.topic, partition: 0, offset: 3, error: { code: 'INTERNAL', message: expect.stringContaining('gave up on it after maxRetries') } },
    });
    const { effects, deliveries } = await readEffects(table.store, at.scope);
    expect(effects.map((effect) => effect.seq).sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5, 6, 7]);
    expect(deliveries.get(events[3]?.id ?? '')).toBe(3);
    expect({ retries: runner.metrics.value('retries'), parked: runner.metrics.value('deadLettered') }).toEqual({ retries: 2, parked: 1 });
  });

  it('retries the whole batch with backoff when the handler throws', async () => {
    const at = await scenario('throw', 1);
    const firstOffsets: number[] = [];
    const runner = await startRunner(at, async (event) => {
      const records = Object.values(recordsOf(event)).flat();
      firstOffsets.push(Number(records[0]?.offset ?? -1));
      if (firstOffsets.length <= 2) throw new AppError('DEPENDENCY_UNAVAILABLE', 'table away');
      return { batchItemFailures: [] };
    }, { batchWindowMs: 0 });
    await produceWork(kafka, at.topic, workItems(5));
    await waitFor('the batch committed', async () => (await committedOffsets(kafka, at.groupId, at.topic)).get(0) === 5);
    expect(firstOffsets.slice(0, 3)).toEqual([0, 0, 0]);
    expect({ errors: runner.metrics.value('invocationErrors'), retries: runner.metrics.value('retries') }).toEqual({ errors: 2, retries: 2 });
  });
});
