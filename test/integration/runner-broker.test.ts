// The runner while its broker restarts mid-stream. This file starts a broker of its own (in a temp
// folder, so the shared one stays up for the other suites) and uses the stack's dynalite for effects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseRunnerConfig } from '../../agents/function-runner/config.ts';
import { createFunctionRunner, type FunctionRunner } from '../../agents/function-runner/runner.ts';
import { startKafka, stopKafka, type KafkaBroker } from '../../infra/local/kafka/start.ts';
import { createKafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import { createEffectsHandler, readEffects } from '../fixtures/handlers/effects-handler.ts';
import { committedTotal, createTestTable, createTopic, produceWork, testKafka, uniqueName, waitFor, type TestTable } from '../fixtures/handlers/harness.ts';
import { buildWorkEvent } from '../fixtures/handlers/work-event.ts';

const stack = inject('stack');
const root = mkdtempSync(join(tmpdir(), 'vgpu-runner-broker-'));
const dirs = { stateDir: join(root, 'state'), logDir: join(root, 'logs'), log: () => undefined };
let broker: KafkaBroker;
let kafka: Kafka;
let table: TestTable;
let runner: FunctionRunner | undefined;

beforeAll(async () => {
  broker = await startKafka(dirs);
  kafka = testKafka(broker.bootstrap);
  table = await createTestTable(stack.dynamodb.endpoint);
}, 300_000);

afterAll(async () => {
  await runner?.stop();
  table.client.destroy();
  await stopKafka(broker);
  rmSync(root, { recursive: true, force: true });
}, 120_000);

describe('Agent: function runner across a broker restart', () => {
  it('keeps consuming after the broker restarts mid-stream: every effect exactly once', async () => {
    const topic = uniqueName('runner-restart');
    const deadLetterTopic = `${topic}-dlt`;
    const groupId = `${topic}-group`;
    await createTopic(kafka, topic, 3);
    await createTopic(kafka, deadLetterTopic, 1);
    const events = Array.from({ length: 200 }, (_unused, seq) => buildWorkEvent(seq, { sleepMs: 30 }));
    const log: string[] = [];
    runner = createFunctionRunner({
      config: parseRunnerConfig({
        brokers: [broker.bootstrap], functionName: 'runner-restart', handler: { module: 'in-process', exportName: 'handler' }, topics: [topic], groupId,
        batchSize: 20, batchWindowMs: 100, backoffBaseMs: 100, backoffMaxMs: 1_000, maxRetries: 100, sessionTimeoutMs: 6_000, deadLetterTopic,
      }),
      handler: createEffectsHandler({
        topics: [topic], store: table.store, idempotency: table.idempotency, publisher: createKafkaEventPublisher(kafka), deadLetterTopic, scope: topic, claimTtlSeconds: 5,
      }),
      log: (level, message) => log.push(`${level}: ${message}`),
    });
    await runner.start();
    await produceWork(kafka, topic, events.slice(0, 100));
    await waitFor('some effects before the restart', async () => (await readEffects(table.store, topic)).effects.length >= 20);

    const atStop = (await readEffects(table.store, topic)).effects.length;
    expect(atStop).toBeLessThan(100); // the broker goes away in the middle of the first half
    const bootstrap = broker.bootstrap;
    await stopKafka(broker);
    broker = await startKafka(dirs);
    expect(broker.bootstrap).toBe(bootstrap);
    await produceWork(kafka, topic, events.slice(100));
    await waitFor('all 200 committed after the restart', async () => (await committedTotal(kafka, groupId, topic).catch(() => 0)) === 200, 120_000);

    const { effects, deliveries } = await readEffects(table.store, topic);
    expect(effects, log.join('\n')).toHaveLength(200);
    expect(new Set(effects.map((effect) => effect.id)).size).toBe(200);
    expect(effects.map((effect) => effect.seq).sort((a, b) => a - b)).toEqual(events.map((event) => event.data.seq));
    expect([...deliveries.values()].every((count) => count >= 1)).toBe(true);
    await waitFor('the runner to report healthy again', () => runner?.healthy() === true, 30_000);
  }, 240_000);
});
