import { describe, expect, it } from 'vitest';
import { parseFlags, toRunnerConfigInput } from './cli-options.ts';
import { parseRunnerConfig } from './config.ts';
import type { FunctionDefinition } from './load-function.ts';

const definition: FunctionDefinition = {
  functionName: 'allocate-gpus', handler: { module: '/repo/functions/allocate-gpus/handler.ts', exportName: 'handler' }, topics: ['cluster-events'],
  eventSource: 'SelfManagedKafka', groupId: 'vgpu-control-allocate-gpus', batchSize: 100, batchWindowMs: 1_000, fromBeginning: true,
};

describe('Function: toRunnerConfigInput()', () => {
  it('runs a serverless.yml function with the stack broker', () => {
    const config = parseRunnerConfig(toRunnerConfigInput(parseFlags(['--function', 'allocate-gpus']), definition, '127.0.0.1:9092'));
    expect(config).toMatchObject({ functionName: 'allocate-gpus', handler: definition.handler, topics: ['cluster-events'], groupId: 'vgpu-control-allocate-gpus', batchSize: 100, batchWindowMs: 1_000, brokers: ['127.0.0.1:9092'] });
  });

  it('lets each flag override the definition', () => {
    const flags = parseFlags(['--function', 'allocate-gpus', '--handler', 'test/h.ts#main', '--topic', 'a', '--topic', 'b', '--group', 'g', '--brokers', 'k1:1, k2:2',
      '--batch-size', '5', '--batch-window-ms', '0', '--max-retries', '3', '--starting-position', 'LATEST', '--event-source', 'aws:kafka', '--metrics-port', '0']);
    expect(parseRunnerConfig(toRunnerConfigInput(flags, definition, '127.0.0.1:9092'))).toMatchObject({
      handler: { module: 'test/h.ts', exportName: 'main' }, topics: ['a', 'b'], groupId: 'g', brokers: ['k1:1', 'k2:2'], batchSize: 5, batchWindowMs: 0,
      maxRetries: 3, fromBeginning: false, eventSource: 'aws:kafka', metricsPort: 0,
    });
  });

  it('names a handler-only runner after its module, with a default group', () => {
    expect(toRunnerConfigInput(parseFlags(['--handler', 'test/fixtures/handlers/noop-handler.ts', '--topic', 't']), undefined, 'k:1'))
      .toMatchObject({ functionName: 'noop-handler', groupId: 'vgpu-control-noop-handler', handler: { exportName: 'handler' } });
  });

  it.each([
    { name: 'neither --function nor --handler', argv: ['--topic', 't'], message: 'name a function (--function) or a handler (--handler)' },
    { name: 'an unknown flag', argv: ['--bogus', 'x'], message: "Unknown option '--bogus'" },
  ])('refuses $name with the usage', ({ argv, message }) => {
    expect(() => toRunnerConfigInput(parseFlags(argv), undefined, 'k:1')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(message) }));
    expect(() => toRunnerConfigInput(parseFlags(argv), undefined, 'k:1')).toThrow(/usage: node agents\/function-runner\/main\.ts/);
  });

  it('leaves bad numbers and a missing broker to the config validation, which names them', () => {
    const input = toRunnerConfigInput(parseFlags(['--handler', 'h.ts', '--topic', 't', '--batch-size', 'ten', '--starting-position', 'SOON']), undefined, undefined);
    expect(() => parseRunnerConfig(input)).toThrow(/brokers must name at least one broker.*batchSize must be a whole number.*fromBeginning must be true or false/);
  });
});
