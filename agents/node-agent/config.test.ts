import { describe, expect, it } from 'vitest';
import { parseNodeAgentFlags, toNodeAgentInput } from './cli-options.ts';
import { parseNodeAgentConfig } from './config.ts';

const parse = (argv: string[], fallback: { brokers?: string; kubeconfig?: string } = { brokers: '127.0.0.1:9092' }) =>
  parseNodeAgentConfig(toNodeAgentInput(parseNodeAgentFlags(argv), fallback));

describe('Function: parseNodeAgentConfig()', () => {
  it('fills defaults for a live source, in one place', () => {
    expect(parse(['--cluster-id', 'lab', '--source', 'nvidia-smi', '--node', 'gpu-1'])).toMatchObject({
      brokers: ['127.0.0.1:9092'], nvidiaSmi: 'nvidia-smi', procRoot: '/proc', intervalMs: 10_000, sampleIntervalMs: 1_000, discoveryIntervalMs: 60_000,
      speed: 1, replayNamespace: 'replay', bufferSize: 10_000, batchSize: 500, metricsHost: '127.0.0.1', dcgmUrl: 'http://127.0.0.1:9400/metrics',
      metricsCompression: 'gzip',
    });
  });

  it.each([
    { name: 'gzip, the default', argv: [], compression: 'gzip' },
    { name: 'none: plain JSON values', argv: ['--metrics-compression', 'none'], compression: 'none' },
  ])('takes --metrics-compression: $name', ({ argv, compression }) => {
    expect(parse(['--cluster-id', 'lab', '--source', 'replay', ...argv]).metricsCompression).toBe(compression);
  });

  it('takes replay flags, a max speed and the data folders next to the repository', () => {
    const config = parse(['--cluster-id', 'lab', '--source', 'replay', '--speed', 'max', '--replay-nodes', '4', '--replay-duration-ms', '60000', '--replay-start', '2025-01-01T00:00:00Z'], { brokers: 'k:1', kubeconfig: 'kc' });
    expect(config).toMatchObject({ speed: 'max', replayNodes: 4, replayDurationMs: 60_000, kubeconfig: 'kc', replayStart: '2025-01-01T00:00:00Z' });
    expect(config.replayDir).toMatch(/shared\/data\/gentd26$/);
    expect(parse(['--cluster-id', 'lab', '--source', 'replay', '--speed', '60']).speed).toBe(60);
  });

  it('names every bad setting at once, and a live source without a node', () => {
    const error = (() => {
      try {
        parse(['--cluster-id', 'lab', '--source', 'dcgm', '--speed=-1', '--interval-ms', '5', '--metrics-compression', 'br'], {});
        return undefined;
      } catch (caught) {
        return caught as { code: string; details: { issues: { field: string }[] } };
      }
    })();
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(error?.details.issues.map((issue) => issue.field)).toEqual(expect.arrayContaining(['node-agent brokers', 'node-agent speed', 'node-agent intervalMs', 'node-agent metricsCompression']));
    expect(() => parse(['--cluster-id', 'lab', '--source', 'dcgm'])).toThrow('node-agent node must be set for a live source');
  });

  it('refuses an unknown flag with the usage, and reads --help', () => {
    expect(() => parseNodeAgentFlags(['--nodes', 'x'])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('usage:') }));
    expect(parseNodeAgentFlags(['--help']).help).toBe(true);
  });
});
