import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionDefinitionOf, loadFunction, parseHandlerOverride, parseHandlerReference, type FunctionDefinition } from './load-function.ts';

const REPO = join(import.meta.dirname, '..', '..');

describe('Function: loadFunction() on the repository\'s serverless.yml', () => {
  it.each<{ name: string; functionName: string; topic: string; batchSize: number }>([
    { name: 'allocate-gpus', functionName: 'allocate-gpus', topic: 'cluster-events', batchSize: 100 },
    { name: 'sync-inventory', functionName: 'sync-inventory', topic: 'gpu-inventory', batchSize: 100 },
    { name: 'recommend-resources (gpu-metrics has its own, larger cap)', functionName: 'recommend-resources', topic: 'gpu-metrics', batchSize: 2000 },
  ])('reads $name: handler module, topic, batching and group as Lambda would use them', ({ functionName, topic, batchSize }) => {
    expect(loadFunction(join(REPO, 'serverless.yml'), { functionName })).toEqual<FunctionDefinition>({
      functionName,
      handler: { module: join(REPO, 'functions', functionName, 'handler.ts'), exportName: 'handler' },
      topics: [topic],
      eventSource: 'SelfManagedKafka',
      groupId: `vgpu-control-${functionName}`,
      batchSize,
      batchWindowMs: 1_000,
      fromBeginning: true,
    });
  });

  it.each([
    { name: 'a function that does not exist', functionName: 'nope', code: 'NOT_FOUND', message: 'serverless.yml functions.nope does not exist' },
    { name: 'a function without a Kafka trigger', functionName: 'run-runbook', code: 'NOT_FOUND', message: 'functions.run-runbook has no enabled kafka or msk event' },
  ])('refuses $name', ({ functionName, code, message }) => {
    expect(() => loadFunction(join(REPO, 'serverless.yml'), { functionName })).toThrow(expect.objectContaining({ code, message: expect.stringContaining(message) }));
  });
});

describe('Function: functionDefinitionOf()', () => {
  const document = (events: unknown[], extra: Record<string, unknown> = {}) => ({ functions: { f: { handler: 'functions/f/handler.main', events, ...extra } } });

  it('takes the msk trigger when the self-managed one is switched off, and the function timeout', () => {
    const definition = functionDefinitionOf(document([
      { kafka: { enabled: false, topic: 'a' } },
      { msk: { topic: 'b', startingPosition: 'LATEST', maximumBatchingWindow: 0.25 } },
    ], { timeout: 30 }), { functionName: 'f' });
    expect(definition).toEqual({ functionName: 'f', handler: { module: 'functions/f/handler.ts', exportName: 'main' }, topics: ['b'], eventSource: 'aws:kafka', fromBeginning: false, batchWindowMs: 250, timeoutMs: 30_000 });
  });

  it('names a bad trigger field', () => {
    expect(() => functionDefinitionOf(document([{ kafka: { topic: 'a', batchSize: 'many' } }]), { functionName: 'f' }))
      .toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('serverless.yml functions.f kafka event option batchSize must be a whole number') }));
  });
});

describe('Function: parseHandlerReference() and parseHandlerOverride()', () => {
  it.each([
    { name: 'a serverless handler', parse: () => parseHandlerReference('functions/x/handler.handler'), expected: { module: 'functions/x/handler.ts', exportName: 'handler' } },
    { name: 'an override with export', parse: () => parseHandlerOverride('test/h.ts#main'), expected: { module: 'test/h.ts', exportName: 'main' } },
    { name: 'an override without export', parse: () => parseHandlerOverride('test/h.ts'), expected: { module: 'test/h.ts', exportName: 'handler' } },
  ])('$name', ({ parse, expected }) => {
    expect(parse()).toEqual(expected);
  });

  it.each([
    { name: 'a handler without export', parse: () => parseHandlerReference('handler'), message: 'handler must be path/to/module.export' },
    { name: 'an override with two #', parse: () => parseHandlerOverride('a.ts#b#c'), message: '--handler must be path/to/module.ts#export' },
  ])('refuses $name', ({ parse, message }) => {
    expect(parse).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(message) }));
  });
});
