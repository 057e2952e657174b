// The runner as a real process (node agents/function-runner/main.ts) on the stack's broker and dynalite:
// killed with SIGKILL in the middle of a batch and started again, the idempotent handler's effects are
// exactly once; stopped with SIGTERM, it finishes and commits the batch in flight, so nothing is redelivered.
import type { Kafka } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EffectsHandlerEnv } from '../fixtures/handlers/effects-handler-from-env.ts';
import { readEffects } from '../fixtures/handlers/effects-handler.ts';
import {
  committedOffsets, createTestTable, createTopic, produceWork, startRunnerProcess, testKafka, uniqueName, waitFor, type RunnerProcess, type TestTable,
} from '../fixtures/handlers/harness.ts';
import { buildWorkEvent, type WorkBehaviour } from '../fixtures/handlers/work-event.ts';

const stack = inject('stack');
let kafka: Kafka;
let table: TestTable;
const started: RunnerProcess[] = [];

beforeAll(async () => {
  kafka = testKafka(stack.kafka.bootstrap);
  table = await createTestTable(stack.dynamodb.endpoint);
});

afterEach(() => {
  for (const runner of started.splice(0)) if (runner.child.exitCode === null && runner.child.signalCode === null) runner.child.kill('SIGKILL');
});

afterAll(() => table.client.destroy());

/** A single-partition topic, its dead-letter topic, group and scope, and how to start runner processes on them. */
async function scenario(name: string) {
  const topic = uniqueName(`runner-${name}`);
  const deadLetterTopic = `${topic}-dlt`;
  await createTopic(kafka, topic, 1);
  await createTopic(kafka, deadLetterTopic, 1);
  const groupId = `${topic}-group`;
  const env: EffectsHandlerEnv = {
    FIXTURE_DYNAMODB_ENDPOINT: stack.dynamodb.endpoint, FIXTURE_TABLE: table.name, FIXTURE_SCOPE: topic, FIXTURE_TOPICS: topic,
    FIXTURE_BROKERS: stack.kafka.bootstrap, FIXTURE_DEAD_LETTER_TOPIC: deadLetterTopic, FIXTURE_CLAIM_TTL_SECONDS: '5',
  };
  const start = (batchSize: number): RunnerProcess => {
    const runner = startRunnerProcess([
      '--handler', 'test/fixtures/handlers/effects-handler-from-env.ts#handler', '--name', 'effects', '--topic', topic, '--group', groupId,
      '--brokers', stack.kafka.bootstrap, '--batch-size', String(batchSize), '--batch-window-ms', '100', '--max-retries', '50',
      '--backoff-base-ms', '100', '--backoff-max-ms', '1000', '--session-timeout-ms', '6000', '--timeout-ms', '60000', '--dead-letter-topic', deadLetterTopic,
    ], env as Record<string, string>);
    started.push(runner);
    return runner;
  };
  const committed = async (): Promise<number> => (await committedOffsets(kafka, groupId, topic)).get(0) ?? -1;
  return { topic, start, committed };
}

const workItems = (count: number, scripted: Readonly<Record<number, WorkBehaviour>> = {}) =>
  Array.from({ length: count }, (_unused, seq) => buildWorkEvent(seq, scripted[seq]));

describe('Agent: function runner process (crash and shutdown)', () => {
  it('SIGKILL mid-batch, then restart: every effect exactly once, the uncommitted records redelivered', async () => {
    const at = await scenario('sigkill');
    const events = workItems(120, { 25: { sleepMs: 4_000 } });
    await produceWork(kafka, at.topic, events);
    const first = at.start(50);
    // Kill only once item 25 is mid-batch: its delivery counted (the handler counts before it sleeps), its effect not yet written.
    const midBatch = events[25]?.id ?? '';
    await waitFor('the first 25 effects and item 25 in flight', async () => {
      const seen = await readEffects(table.store, at.topic);
      return seen.effects.length >= 25 && (seen.deliveries.get(midBatch) ?? 0) >= 1;
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await at.committed()).toBeLessThanOrEqual(0); // killed before its first batch was committed
    expect((await readEffects(table.store, at.topic)).effects).toHaveLength(25);

    const second = at.start(50);
    await waitFor('all 120 committed after the restart', async () => (await at.committed()) === 120, 90_000);
    const { effects, deliveries } = await readEffects(table.store, at.topic);
    expect(effects).toHaveLength(120);
    expect(new Set(effects.map((effect) => effect.id)).size).toBe(120);
    expect(effects.map((effect) => effect.seq).sort((a, b) => a - b)).toEqual(events.map((event) => event.data.seq));
    const redelivered = events.filter((event) => (deliveries.get(event.id) ?? 0) > 1).map((event) => event.data.seq);
    expect(redelivered).toEqual(Array.from({ length: 26 }, (_unused, seq) => seq));
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 180_000);

  it('SIGTERM: finishes and commits the batch in flight, exits 0, and a successor redelivers nothing', async () => {
    const at = await scenario('sigterm');
    const events = workItems(60, Object.fromEntries(Array.from({ length: 60 }, (_unused, seq) => [seq, { sleepMs: 60 }])));
    await produceWork(kafka, at.topic, events);
    const first = at.start(10);
    await waitFor('15 effects (the second batch in flight)', async () => (await readEffects(table.store, at.topic)).effects.length >= 15);
    first.child.kill('SIGTERM');
    const exit = await first.exited;
    expect(exit, first.output()).toEqual({ code: 0, signal: null });
    const done = (await readEffects(table.store, at.topic)).effects.length;
    expect(done % 10).toBe(0);
    expect(done).toBeGreaterThanOrEqual(20);
    expect(await at.committed()).toBe(done);

    const second = at.start(10);
    await waitFor('all 60 committed', async () => (await at.committed()) === 60, 60_000);
    const { effects, deliveries } = await readEffects(table.store, at.topic);
    expect(effects).toHaveLength(60);
    expect([...deliveries.values()].every((count) => count === 1)).toBe(true);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 120_000);
});
