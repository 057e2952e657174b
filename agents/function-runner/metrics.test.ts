import { describe, expect, it } from 'vitest';
import { escapeLabel } from '../shared/prometheus.ts';
import { createRunnerMetrics, quantile } from './metrics.ts';

describe('Function: quantile()', () => {
  it.each([
    { name: 'empty', values: [], q: 0.5, expected: 0 },
    { name: 'the median of an odd count', values: [1, 2, 3], q: 0.5, expected: 2 },
    { name: 'nearest rank for p99 of 100 values', values: Array.from({ length: 100 }, (_unused, index) => index + 1), q: 0.99, expected: 99 },
    { name: 'p99 of few values is the maximum', values: [1, 5, 9], q: 0.99, expected: 9 },
  ])('$name', ({ values, q, expected }) => {
    expect(quantile(values, q)).toBe(expected);
  });
});

describe('Function: createRunnerMetrics()', () => {
  it('renders counters, the latency histogram, quantiles and lag in the Prometheus text format', () => {
    const metrics = createRunnerMetrics('allocate-gpus');
    metrics.count('recordsIn', 10);
    metrics.count('recordsIn', 5);
    metrics.count('retries');
    for (const ms of [2, 4, 40]) metrics.observeBatchMs(ms);
    const text = metrics.render([{ topic: 'cluster-events', partition: 3, lag: 17 }]);
    expect(text).toContain('# TYPE vgpu_runner_records_in_total counter\nvgpu_runner_records_in_total{function="allocate-gpus"} 15\n');
    expect(text).toContain('vgpu_runner_retries_total{function="allocate-gpus"} 1\n');
    expect(text).toContain('vgpu_runner_dead_lettered_total{function="allocate-gpus"} 0\n');
    expect(text).toContain('vgpu_runner_batch_duration_seconds_bucket{function="allocate-gpus",le="0.0025"} 1\n');
    expect(text).toContain('vgpu_runner_batch_duration_seconds_bucket{function="allocate-gpus",le="0.05"} 3\n');
    expect(text).toContain('vgpu_runner_batch_duration_seconds_bucket{function="allocate-gpus",le="+Inf"} 3\n');
    expect(text).toContain('vgpu_runner_batch_duration_seconds_sum{function="allocate-gpus"} 0.046\n');
    expect(text).toContain('vgpu_runner_batch_latency_seconds{function="allocate-gpus",quantile="0.5"} 0.004\n');
    expect(text).toContain('vgpu_runner_batch_latency_seconds{function="allocate-gpus",quantile="0.99"} 0.04\n');
    expect(text).toContain('vgpu_runner_consumer_lag{function="allocate-gpus",topic="cluster-events",partition="3"} 17\n');
    expect(metrics.latency()).toEqual({ count: 3, p50Ms: 4, p99Ms: 40 });
  });

  it('escapes label values', () => {
    expect(escapeLabel('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });
});
