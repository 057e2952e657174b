import { describe, expect, it } from 'vitest';
import { parseClusterAgentFlags, toClusterAgentInput } from './cli-options.ts';
import { parseClusterAgentConfig } from './config.ts';

const parse = (argv: string[], fallback: { brokers?: string } = { brokers: '127.0.0.1:9092' }) => parseClusterAgentConfig(toClusterAgentInput(parseClusterAgentFlags(argv), fallback));

describe('Function: parseClusterAgentConfig()', () => {
  it('fills defaults in one place', () => {
    expect(parse(['--cluster-id', 'lab-1'])).toEqual({
      clusterId: 'lab-1', brokers: ['127.0.0.1:9092'], watch: ['pods', 'nodes', 'workload-profiles', 'deployments', 'statefulsets'], topic: 'cluster-events',
      stateFile: '.vgpu/cluster-agent/lab-1.state.jsonl', bufferSize: 10_000, batchSize: 500, watchTimeoutSeconds: 240, drainTimeoutMs: 10_000, metricsHost: '127.0.0.1',
    });
  });

  it('takes every flag', () => {
    const config = parse(['--cluster-id', 'c', '--brokers', 'a:1, b:2', '--kubeconfig', 'k', '--context', 'x', '--namespace', 'ml', '--watch', 'pods,nodes',
      '--topic', 't', '--state-file', 's', '--buffer-size', '5', '--batch-size', '2', '--watch-timeout-seconds', '9', '--drain-timeout-ms', '0',
      '--metrics-port', '0', '--metrics-host', '0.0.0.0']);
    expect(config).toMatchObject({ brokers: ['a:1', 'b:2'], kubeconfig: 'k', namespace: 'ml', watch: ['pods', 'nodes'], bufferSize: 5, metricsPort: 0, stateFile: 's' });
  });

  it('names every bad setting at once', () => {
    const error = (() => {
      try {
        return parse(['--cluster-id', 'Bad/Id', '--buffer-size', '0', '--watch', 'secrets'], {});
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('cluster-agent clusterId must be a cluster id') });
    expect((error as { details: { issues: unknown[] } }).details.issues).toHaveLength(4);
  });

  it('refuses an unknown flag with the usage', () => {
    expect(() => parseClusterAgentFlags(['--clusterid', 'x'])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('usage:') }));
  });
});
