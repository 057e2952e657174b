import { describe, expect, it } from 'vitest';
import { parseRunnerConfig, type RunnerConfigInput } from './config.ts';
import { fetchSettings } from './runner.ts';

const minimal: RunnerConfigInput = {
  brokers: ['127.0.0.1:9092'], functionName: 'allocate-gpus', handler: { module: 'functions/allocate-gpus/handler.ts', exportName: 'handler' },
  topics: ['cluster-events'], groupId: 'vgpu-control-allocate-gpus',
};

describe('Schema: runner config', () => {
  it('fills in Lambda\'s defaults', () => {
    expect(parseRunnerConfig(minimal)).toMatchObject({
      batchSize: 100, batchWindowMs: 500, maxBatchBytes: 6_291_456, maxRetries: 10, backoffBaseMs: 1_000, backoffMaxMs: 60_000,
      eventSource: 'SelfManagedKafka', deadLetterTopic: 'dead-letter', fromBeginning: true, concurrency: 1, timeoutMs: 6_000, metricsHost: '127.0.0.1',
    });
    expect(parseRunnerConfig(minimal).metricsPort).toBeUndefined();
  });

  it.each<{ name: string; overrides: Record<string, unknown>; message: string }>([
    { name: 'a broker without a port', overrides: { brokers: ['kafka'] }, message: 'runner option brokers[0] must be host:port, got "kafka"' },
    { name: 'no topics', overrides: { topics: [] }, message: 'runner option topics must name at least one topic' },
    { name: 'a batch above Lambda\'s maximum', overrides: { batchSize: 20_000 }, message: 'runner option batchSize must be 10000 or less, got 20000' },
    { name: 'a fractional window', overrides: { batchWindowMs: 1.5 }, message: 'runner option batchWindowMs must be a whole number, got 1.5' },
    { name: 'an unknown event source', overrides: { eventSource: 'kafka' }, message: 'runner option eventSource must be one of SelfManagedKafka, aws:kafka, got "kafka"' },
    { name: 'a backoff cap below its base', overrides: { backoffBaseMs: 500, backoffMaxMs: 100 }, message: 'runner option backoffMaxMs must be at least backoffBaseMs' },
    { name: 'an export that is not a name', overrides: { handler: { module: 'x.ts', exportName: 'a-b' } }, message: 'runner option handler.exportName must be a JavaScript export name' },
    { name: 'an unknown option', overrides: { batchsize: 5 }, message: 'runner option batchsize must not be set' },
    { name: 'a session below the broker minimum', overrides: { sessionTimeoutMs: 1_000 }, message: 'runner option sessionTimeoutMs must be 6000 or more' },
  ])('refuses $name, naming the option', ({ overrides, message }) => {
    expect(() => parseRunnerConfig({ ...minimal, ...overrides })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(message) }));
  });

  it('reports every bad option at once', () => {
    expect(() => parseRunnerConfig({ ...minimal, batchSize: 0, maxRetries: -1 })).toThrow(/batchSize must be 1 or more.*maxRetries must be 0 or more/);
  });
});

describe('Function: fetchSettings()', () => {
  it.each([
    { name: 'a window makes the broker wait for bytes or the window', config: { batchWindowMs: 500, fetchMinBytes: 1_048_576 }, expected: { maxWaitTimeInMs: 500, minBytes: 1_048_576 } },
    { name: 'no window answers as soon as a record is there', config: { batchWindowMs: 0, fetchMinBytes: 1_048_576 }, expected: { maxWaitTimeInMs: 100, minBytes: 1 } },
  ])('$name', ({ config, expected }) => {
    expect(fetchSettings(config)).toEqual(expected);
  });
});
