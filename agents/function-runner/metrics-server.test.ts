import { describe, expect, it } from 'vitest';
import { createRunnerMetrics } from './metrics.ts';
import { startMetricsServer } from './metrics-server.ts';

describe('Function: startMetricsServer()', () => {
  it.each([
    { name: 'healthy, lag known', healthy: true, lag: async () => [{ topic: 't', partition: 0, lag: 4 }], status: 200, lagLine: true },
    { name: 'unhealthy, lag unreadable', healthy: false, lag: async () => { throw new Error('broker away'); }, status: 503, lagLine: false },
  ])('serves /metrics and /healthz: $name', async ({ healthy, lag, status, lagLine }) => {
    const server = await startMetricsServer({ port: 0, metrics: createRunnerMetrics('f'), lag, healthy: () => healthy });
    try {
      const metrics = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      const text = await metrics.text();
      expect(text).toContain('vgpu_runner_records_in_total{function="f"} 0');
      expect(text.includes('vgpu_runner_consumer_lag{function="f",topic="t",partition="0"} 4')).toBe(lagLine);
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(status);
      expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('names the port it cannot listen on', async () => {
    const first = await startMetricsServer({ port: 0, metrics: createRunnerMetrics('f'), lag: async () => [], healthy: () => true });
    try {
      await expect(startMetricsServer({ port: first.port, metrics: createRunnerMetrics('f'), lag: async () => [], healthy: () => true }))
        .rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', message: expect.stringContaining(`port ${first.port}`) });
    } finally {
      await first.close();
    }
  });
});
