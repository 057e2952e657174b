import { describe, expect, it } from 'vitest';
import { clusterAccessOf, functionEnv, functionEnvSchema, topicList } from './function-env.ts';

describe('Function: clusterAccessOf()', () => {
  it.each([
    { name: 'KUBECONFIG names a file', env: { KUBECONFIG: '/etc/kube/config' }, access: { kind: 'kubeconfig-file', path: '/etc/kube/config' } },
    { name: 'no KUBECONFIG: the in-cluster service account', env: {}, access: { kind: 'in-cluster' } },
    { name: 'an empty KUBECONFIG: in-cluster', env: { KUBECONFIG: '' }, access: { kind: 'in-cluster' } },
  ])('$name', ({ env, access }) => expect(clusterAccessOf(env)).toEqual(access));
});

describe('Function: functionEnv()', () => {
  it('fills the defaults and splits the broker list', () => {
    expect(functionEnv('f', { KAFKA_BROKERS: 'a:1, b:2' }, functionEnvSchema)).toMatchObject({
      KAFKA_BROKERS: ['a:1', 'b:2'], STATE_TABLE_NAME: 'vgpu-control-local', DEAD_LETTER_TOPIC: 'dead-letter', CLUSTER_CACHE_TTL_MS: 5_000,
    });
    expect(functionEnv('f', { KAFKA_BROKERS: 'a:1' }, functionEnvSchema).CLUSTER_ID).toBeUndefined();
    expect(functionEnv('f', { KAFKA_BROKERS: 'a:1', CLUSTER_ID: 'prod-eu-1' }, functionEnvSchema).CLUSTER_ID).toBe('prod-eu-1');
    expect(functionEnv('f', { KAFKA_BROKERS: 'a:1', CLUSTER_ID: '' }, functionEnvSchema).CLUSTER_ID).toBeUndefined();
  });

  it.each([
    { name: 'no brokers', env: {}, message: 'f environment option KAFKA_BROKERS must be a comma-separated list of host:port' },
    { name: 'a broker without a port', env: { KAFKA_BROKERS: 'kafka' }, message: 'f environment option KAFKA_BROKERS[0] must be host:port' },
    { name: 'a table endpoint that is not a URL', env: { KAFKA_BROKERS: 'a:1', DYNAMODB_ENDPOINT: 'nope' }, message: 'DYNAMODB_ENDPOINT must be a URL' },
    { name: 'a cluster id with capitals', env: { KAFKA_BROKERS: 'a:1', CLUSTER_ID: 'Prod_EU' }, message: 'f environment option CLUSTER_ID must be a cluster id like prod-eu-1' },
  ])('refuses $name, naming the variable', ({ env, message }) => {
    expect(() => functionEnv('f', env, functionEnvSchema)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(message) }));
  });
});

describe('Function: topicList()', () => {
  it.each([
    { name: 'unset: the fallback', text: undefined, topics: ['cluster-events'] },
    { name: 'a comma list, trimmed, empty entries dropped', text: 'a, b,,c ', topics: ['a', 'b', 'c'] },
  ])('$name', ({ text, topics }) => expect(topicList('cluster-events').parse(text)).toEqual(topics));
});
