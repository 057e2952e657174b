// The function runner (ARCHITECTURE §2): off AWS, a kafkajs consumer group calls a Kafka-triggered
// function's handler with the very event Lambda's Kafka trigger would send, and honours its partial
// batch response the way Lambda does with ReportBatchItemFailures.
import type { Consumer, ConsumerConfig, Kafka } from 'kafkajs';
import { createKafkaClient } from '../../shared/adapters/kafka/client.ts';
import { createKafkaConsumer } from '../../shared/adapters/kafka/consumer.ts';
import { createKafkaEventPublisher, type KafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import { translateKafkaError } from '../../shared/adapters/kafka/translate-error.ts';
import type { AppError } from '../../shared/core/errors.ts';
import { systemClock, type Clock } from '../../shared/ports/clock.ts';
import type { RunnerConfig } from './config.ts';
import { lambdaContextFactory } from '../shared/lambda-context.ts';
import { handleFetch, type FetchContext } from './handle-fetch.ts';
import type { KafkaHandler } from './invoke.ts';
import { createLagReader, type LagReader } from './lag.ts';
import { createRunnerMetrics, type LagSample, type RunnerMetrics } from './metrics.ts';
import { parkRecords } from './park.ts';

/** Where the runner's own log lines go: one JSON line each on stderr by default. */
export type RunnerLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/** A runner for one function. */
export interface FunctionRunnerOptions {
  readonly config: RunnerConfig;
  readonly handler: KafkaHandler;
  /** Stamps dead letters. */
  readonly clock?: Clock;
  /** Backoff jitter draws in [0, 1). */
  readonly random?: () => number;
  readonly log?: RunnerLog;
  /** The consumer crashed and kafkajs will not restart it: the process should exit so its supervisor restarts it. */
  readonly onFatal?: (error: AppError) => void;
}

/** A running (or stopped) runner. */
export interface FunctionRunner {
  readonly metrics: RunnerMetrics;
  /** Connect, join the group and start consuming. */
  start(): Promise<void>;
  /** Stop fetching, let the batch in flight finish and commit, leave the group, disconnect. */
  stop(): Promise<void>;
  /** Joined to the group and not failed: what `/healthz` reports. */
  healthy(): boolean;
  lag(): Promise<LagSample[]>;
}

/** How a fetch waits: up to the batching window for `fetchMinBytes` (a window of 0 answers as soon as a record is there). */
export function fetchSettings(config: Pick<RunnerConfig, 'batchWindowMs' | 'fetchMinBytes'>): Pick<ConsumerConfig, 'maxWaitTimeInMs' | 'minBytes'> {
  return config.batchWindowMs === 0 ? { maxWaitTimeInMs: 100, minBytes: 1 } : { maxWaitTimeInMs: config.batchWindowMs, minBytes: config.fetchMinBytes };
}

/** The group consumer: session from the config, heartbeats at a tenth of it, and time for a whole batch before a rebalance moves on. */
function consumerFor(kafka: Kafka, config: RunnerConfig): Consumer {
  return createKafkaConsumer(kafka, {
    groupId: config.groupId,
    overrides: {
      ...fetchSettings(config),
      sessionTimeout: config.sessionTimeoutMs,
      heartbeatInterval: Math.floor(config.sessionTimeoutMs / 10),
      rebalanceTimeout: Math.max(60_000, config.timeoutMs + 10_000),
    },
  });
}

const stderrLog = (functionName: string): RunnerLog => (level, message, fields = {}) =>
  console.error(JSON.stringify({ source: 'function-runner', function: functionName, level, message, ...fields }));

interface Parts {
  readonly consumer: Consumer;
  readonly publisher: KafkaEventPublisher;
  readonly lagReader: LagReader;
  readonly context: FetchContext;
  readonly timers: Set<NodeJS.Timeout>;
}

function build(options: FunctionRunnerOptions, metrics: RunnerMetrics, log: RunnerLog): Parts {
  const { config } = options;
  const kafka = createKafkaClient({ brokers: config.brokers, clientId: `function-runner.${config.functionName}` });
  const consumer = consumerFor(kafka, config);
  const publisher = createKafkaEventPublisher(kafka);
  const timers = new Set<NodeJS.Timeout>();
  const park = { publisher, topic: config.deadLetterTopic, source: `function-runner/${config.functionName}`, clock: options.clock ?? systemClock };
  const context: FetchContext = {
    config, handler: options.handler, metrics, log, pending: new Map(), streaks: new Map(), random: options.random ?? Math.random, nowMs: () => performance.now(),
    park: (records, error) => parkRecords(records, error, park),
    seek: ({ topic, partition, offset }) => {
      try { consumer.seek({ topic, partition, offset: String(offset) }); } catch (error) { log('warn', `could not seek ${topic}-${partition} to ${offset}`, { error: String(error) }); }
    },
    lambdaContext: lambdaContextFactory({ functionName: config.functionName, timeoutMs: config.timeoutMs, nowMs: () => performance.now(), host: 'function-runner', hostInWords: 'the runner' }),
    later: (delayMs, resume) => {
      const timer = setTimeout(() => { timers.delete(timer); resume(); }, delayMs);
      timers.add(timer);
    },
  };
  return { consumer, publisher, timers, context, lagReader: createLagReader(kafka, { groupId: config.groupId, topics: config.topics }) };
}

/** Create a runner; nothing connects until `start()`. Throws `INVALID_INPUT` for bad Kafka settings. */
export function createFunctionRunner(options: FunctionRunnerOptions): FunctionRunner {
  const { config } = options;
  const metrics = createRunnerMetrics(config.functionName);
  const log = options.log ?? stderrLog(config.functionName);
  const parts = build(options, metrics, log);
  const { consumer } = parts;
  const state = { joined: false, failed: false, stopping: false };
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    parts.context.pending.clear(); // a new generation reads from the committed offsets again
    state.joined = true;
    log('info', 'joined the group', { groupId: config.groupId, assignment: payload.memberAssignment });
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    state.joined = false;
    if (payload.restart || state.stopping) return;
    state.failed = true;
    options.onFatal?.(translateKafkaError(payload.error, `consume ${config.topics.join(', ')}`));
  });
  return {
    metrics,
    start: () => start(parts, config),
    stop: async () => {
      state.stopping = true;
      await stop(parts, log);
    },
    healthy: () => state.joined && !state.failed && !state.stopping,
    lag: () => parts.lagReader.read(),
  };
}

async function start(parts: Parts, config: RunnerConfig): Promise<void> {
  const { consumer, context } = parts;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...config.topics], fromBeginning: config.fromBeginning });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: config.concurrency,
      eachBatch: (payload) => handleFetch(context, payload),
    });
  } catch (error) {
    throw translateKafkaError(error, `start consuming ${config.topics.join(', ')}`);
  }
}

async function stop(parts: Parts, log: RunnerLog): Promise<void> {
  for (const timer of parts.timers) clearTimeout(timer);
  parts.timers.clear();
  // kafkajs waits for the batch in flight (handleFetch commits it) before it leaves the group.
  await parts.consumer.disconnect().catch((error: unknown) => log('warn', 'consumer disconnect failed', { error: String(error) }));
  await parts.publisher.disconnect().catch((error: unknown) => log('warn', 'dead-letter producer disconnect failed', { error: String(error) }));
  await parts.lagReader.close();
}
