import { describe, expect, it } from 'vitest';
import { resolveVariables, type VariableContext } from './serverless-variables.ts';

const context: VariableContext = {
  root: {
    service: 'vgpu-control',
    params: { default: { selfManagedKafka: true, region: 'eu' }, prod: { region: 'us' } },
    custom: { kafka: { batchSize: 100, topics: { gpuMetrics: 'gpu-metrics' } }, alias: '${self:custom.kafka.topics.gpuMetrics}', loop: '${self:custom.loop}' },
  },
  stage: 'dev',
  env: { KAFKA_BOOTSTRAP_SERVER: 'k:9092' },
};

describe('Function: resolveVariables()', () => {
  it.each<{ name: string; value: unknown; expected: unknown; stage?: string }>([
    { name: 'a plain value', value: 'cluster-events', expected: 'cluster-events' },
    { name: 'a non-string', value: 7, expected: 7 },
    { name: 'a whole reference keeps its type', value: '${self:custom.kafka.batchSize}', expected: 100 },
    { name: 'references inside text', value: '${self:service}-${sls:stage}-allocate', expected: 'vgpu-control-dev-allocate' },
    { name: 'a reference to a reference', value: '${self:custom.alias}', expected: 'gpu-metrics' },
    { name: 'env, set', value: "${env:KAFKA_BOOTSTRAP_SERVER, 'other:1'}", expected: 'k:9092' },
    { name: 'env, fallback', value: "${env:MISSING, 'other:1'}", expected: 'other:1' },
    { name: 'a numeric fallback', value: '${env:MISSING, 3}', expected: 3 },
    { name: 'a param from default', value: '${param:selfManagedKafka}', expected: true },
    { name: 'a param of the stage wins', value: '${param:region}', stage: 'prod', expected: 'us' },
    { name: 'opt:stage', value: "${opt:stage, 'dev'}", stage: 'test', expected: 'test' },
  ])('$name', ({ value, expected, stage }) => {
    expect(resolveVariables(value, { ...context, stage: stage ?? context.stage })).toEqual(expected);
  });

  it.each<{ name: string; value: string; message: string }>([
    { name: 'an unsupported source', value: '${file(./x.yml)}', message: 'must be source:address' },
    { name: 'an unsupported source with a colon', value: '${ssm:/path}', message: 'source ssm is not supported' },
    { name: 'a missing value without fallback', value: '${env:MISSING}', message: '${env:MISSING} resolves to nothing' },
    { name: 'a reference to itself', value: '${self:custom.loop}', message: 'refers to itself' },
  ])('refuses $name', ({ value, message }) => {
    expect(() => resolveVariables(value, context)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(message) }));
  });
});
