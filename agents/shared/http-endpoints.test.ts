import { describe, expect, it } from 'vitest';
import { startEndpoints } from './http-endpoints.ts';
import { escapeLabel, renderFamilies, single } from './prometheus.ts';

describe('Function: renderFamilies()', () => {
  it('writes HELP, TYPE and each series with escaped labels', () => {
    expect(renderFamilies([
      { name: 'x_total', type: 'counter', help: 'Things.', series: [{ labels: { kind: 'a"b' }, value: 2 }] },
      single('y', 'gauge', 'Depth.')(3),
    ])).toBe('# HELP x_total Things.\n# TYPE x_total counter\nx_total{kind="a\\"b"} 2\n# HELP y Depth.\n# TYPE y gauge\ny 3\n');
    expect(escapeLabel('a\\b\nc')).toBe('a\\\\b\\nc');
  });
});

describe('Function: startEndpoints()', () => {
  it('serves /metrics, /healthz, /readyz and 404', async () => {
    let ready = { ok: false, reason: 'not synced' } as { ok: boolean; reason?: string };
    const server = await startEndpoints({ port: 0, metrics: () => 'm 1\n', healthy: () => true, ready: () => ready });
    const get = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`);
      return `${response.status} ${await response.text()}`;
    };
    try {
      expect(await get('/metrics')).toBe('200 m 1\n');
      expect(await get('/healthz')).toBe('200 ok\n');
      expect(await get('/readyz')).toBe('503 not ready: not synced\n');
      ready = { ok: true };
      expect(await get('/readyz?x=1')).toBe('200 ready\n');
      ready = { ok: false };
      expect(await get('/readyz')).toBe('503 not ready: unknown\n');
      expect(await get('/other')).toBe('404 not found\n');
    } finally {
      await server.close();
    }
  });

  it('reports a port it cannot take', async () => {
    const first = await startEndpoints({ port: 0, metrics: () => '', healthy: () => false, ready: () => ({ ok: true }) });
    try {
      await expect(startEndpoints({ port: first.port, metrics: () => '', healthy: () => true, ready: () => ({ ok: true }) }))
        .rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
      expect((await fetch(`http://127.0.0.1:${first.port}/healthz`)).status).toBe(503);
    } finally {
      await first.close();
    }
  });

  it('waits for an async /metrics, answers 500 when it fails, and has no /readyz without ready', async () => {
    let fail = false;
    const server = await startEndpoints({ port: 0, metrics: async () => { if (fail) throw new Error('scrape broke'); return 'm 2\n'; }, healthy: () => true });
    const get = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`);
      return `${response.status} ${await response.text()}`;
    };
    try {
      expect(await get('/metrics')).toBe('200 m 2\n');
      fail = true;
      expect(await get('/metrics')).toBe('500 Error: scrape broke\n');
      expect(await get('/readyz')).toBe('404 not found\n');
    } finally {
      await server.close();
    }
  });
});
