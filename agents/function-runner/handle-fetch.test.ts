import type { EachBatchPayload } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { ConsumedRecord } from '../../shared/adapters/kafka/lambda-event.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { LambdaKafkaEvent } from '../../shared/middleware/kafka-event-schema.ts';
import { parseRunnerConfig, type RunnerConfigInput } from './config.ts';
import { lambdaContextFactory } from '../shared/lambda-context.ts';
import { handleFetch, type FetchContext } from './handle-fetch.ts';
import type { KafkaHandler } from './invoke.ts';
import { createRunnerMetrics } from './metrics.ts';

const TOPIC = 'cluster-events';

/** A fake kafkajs eachBatch payload for partition 2 holding `offsets`, recording what the runner does with it. */
function payloadFor(offsets: readonly number[], options: { highWatermark?: number; running?: () => boolean } = {}) {
  const calls = { resolved: [] as string[], commits: [] as unknown[], paused: 0, resumed: 0 };
  const messages = offsets.map((offset) => ({ offset: String(offset), timestamp: '1700000000000', key: Buffer.from('k'), value: Buffer.from(`{"n":${offset}}`), attributes: 0, headers: {} }));
  const payload = {
    batch: { topic: TOPIC, partition: 2, highWatermark: String(options.highWatermark ?? (offsets.at(-1) ?? -1) + 1), messages, lastOffset: () => String(offsets.at(-1)) },
    resolveOffset: (offset: string) => calls.resolved.push(offset),
    heartbeat: async () => undefined,
    pause: () => { calls.paused += 1; return () => { calls.resumed += 1; }; },
    commitOffsetsIfNecessary: async (offsets: unknown) => { calls.commits.push(offsets); },
    uncommittedOffsets: () => ({ topics: [] }),
    isRunning: options.running ?? (() => true),
    isStale: () => false,
  } as unknown as EachBatchPayload;
  return { payload, calls };
}

/** A context around `handler`, recording seeks, delays and parked records. */
function contextFor(handler: KafkaHandler, overrides: Partial<RunnerConfigInput> = {}, park?: FetchContext['park']) {
  const seen = { seeks: [] as number[], delays: [] as number[], parked: [] as number[] };
  const config = parseRunnerConfig({ brokers: ['k:1'], functionName: 'f', handler: { module: 'm', exportName: 'handler' }, topics: [TOPIC], groupId: 'g', batchSize: 3, backoffBaseMs: 100, backoffMaxMs: 1_000, ...overrides });
  const context: FetchContext = {
    config,
    handler, metrics: createRunnerMetrics('f'), pending: new Map(), streaks: new Map(), random: () => 1, nowMs: () => 0, log: () => undefined,
    lambdaContext: lambdaContextFactory({ functionName: config.functionName, timeoutMs: config.timeoutMs, nowMs: () => 0, host: 'function-runner', hostInWords: 'the runner' }),
    park: park ?? (async (records) => { seen.parked.push(...records.map((record) => Number(record.offset))); }),
    seek: ({ offset }) => seen.seeks.push(offset),
    later: (delayMs, resume) => { seen.delays.push(delayMs); resume(); },
  };
  return { context, seen };
}

const offsetsIn = (event: LambdaKafkaEvent): number[] => Object.values(event.records as Record<string, readonly ConsumedRecord[]>).flat().map((record) => Number(record.offset));
const commitOf = (offset: number) => ({ topics: [{ topic: TOPIC, partitions: [{ partition: 2, offset: String(offset) }] }] });
const failing = (...offsets: number[]) => ({ batchItemFailures: offsets.map((offset) => ({ itemIdentifier: { partition: `${TOPIC}-2`, offset } })) });

describe('Function: handleFetch()', () => {
  it('hands the records over in batches of batchSize and commits once past the last', async () => {
    const batches: number[][] = [];
    const { context } = contextFor(async (event) => { batches.push(offsetsIn(event)); return { batchItemFailures: [] }; });
    const { payload, calls } = payloadFor([10, 11, 12, 13, 14]);
    await handleFetch(context, payload);
    expect(batches).toEqual([[10, 11, 12], [13, 14]]);
    expect(calls.resolved).toEqual(['14']);
    expect(calls.commits).toEqual([commitOf(15)]);
    expect(context.metrics.value('recordsOut')).toBe(5);
  });

  it('on a failed record: commits before it, seeks back to it, pauses for the backoff, and stops there', async () => {
    const batches: number[][] = [];
    const { context, seen } = contextFor(async (event) => { batches.push(offsetsIn(event)); return batches.length === 2 ? failing(14) : {}; });
    const { payload, calls } = payloadFor([10, 11, 12, 13, 14, 15, 16]);
    await handleFetch(context, payload);
    expect(batches).toEqual([[10, 11, 12], [13, 14, 15]]);
    expect(calls.commits).toEqual([commitOf(14)]);
    expect(seen).toMatchObject({ seeks: [14], delays: [100] });
    expect({ paused: calls.paused, resumed: calls.resumed }).toEqual({ paused: 1, resumed: 1 });
    expect(context.pending.has(`${TOPIC}-2`)).toBe(false);
    expect(context.streaks.get(`${TOPIC}-2`)).toEqual({ offset: 14, attempts: 1 });
  });

  it('backs off exponentially while the same record keeps failing, then parks it and moves past it', async () => {
    const { context, seen } = contextFor(async () => failing(20), { maxRetries: 2 });
    for (let fetch = 0; fetch < 3; fetch += 1) await handleFetch(context, payloadFor([20, 21]).payload);
    expect(seen).toMatchObject({ delays: [100, 200], parked: [20], seeks: [20, 20, 21] });
    expect(context.metrics.value('deadLettered')).toBe(1);
    expect(context.streaks.size).toBe(0);
  });

  it('retries instead of dropping when the dead-letter topic is away', async () => {
    const { context, seen } = contextFor(async () => failing(20), { maxRetries: 0 }, async () => { throw new AppError('DEPENDENCY_UNAVAILABLE', 'broker away'); });
    const { payload, calls } = payloadFor([20, 21]);
    await handleFetch(context, payload);
    expect(seen).toMatchObject({ seeks: [20], delays: [100] });
    expect(calls.commits).toEqual([]);
    expect(context.metrics.value('deadLettered')).toBe(0);
  });

  it('keeps a partial batch waiting while more records are already on the broker, and adds the next fetch to it', async () => {
    const batches: number[][] = [];
    const { context } = contextFor(async (event) => { batches.push(offsetsIn(event)); return {}; });
    await handleFetch(context, payloadFor([1, 2, 3, 4], { highWatermark: 100 }).payload);
    expect(batches).toEqual([[1, 2, 3]]);
    await handleFetch(context, payloadFor([5, 6]).payload);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('when the consumer stops, finishes the batch in flight, commits it and leaves the rest for the next read', async () => {
    let running = true;
    const { context, seen } = contextFor(async () => { running = false; return {}; });
    const { payload, calls } = payloadFor([1, 2, 3, 4, 5], { running: () => running });
    await handleFetch(context, payload);
    expect(calls.commits).toEqual([commitOf(4)]);
    expect(seen).toMatchObject({ seeks: [4], delays: [] });
  });

  it('retries the whole batch when the handler throws', async () => {
    const { context, seen } = contextFor(async () => { throw new Error('boom'); });
    const { payload, calls } = payloadFor([7, 8]);
    await handleFetch(context, payload);
    expect(calls.commits).toEqual([]);
    expect(seen.seeks).toEqual([7]);
    expect({ errors: context.metrics.value('invocationErrors'), failed: context.metrics.value('recordsFailed') }).toEqual({ errors: 1, failed: 2 });
  });
});
