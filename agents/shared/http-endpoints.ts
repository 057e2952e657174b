import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../shared/core/errors.ts';

/** What an agent's HTTP endpoints report. */
export interface EndpointsOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Loopback unless told otherwise; `0.0.0.0` in a pod. */
  readonly host?: string;
  /** The Prometheus text of `/metrics`; a rejection is answered 500. */
  readonly metrics: () => string | Promise<string>;
  /** `/healthz` (liveness): the process is working. */
  readonly healthy: () => boolean;
  /** `/readyz` (readiness): synced and publishing; a reason when not. Absent: no `/readyz` (404). */
  readonly ready?: () => { readonly ok: boolean; readonly reason?: string };
}

/** A listening endpoints server. */
export interface Endpoints {
  readonly port: number;
  close(): Promise<void>;
}

/** Serve `/metrics`, `/healthz` and `/readyz` over plain HTTP, for a scrape job and the kubelet's probes (the agents, the function-runner). */
export async function startEndpoints(options: EndpointsOptions): Promise<Endpoints> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const text = (status: number, body: string) => response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
    if (path === '/healthz') return void text(options.healthy() ? 200 : 503, options.healthy() ? 'ok\n' : 'unhealthy\n');
    if (path === '/readyz' && options.ready !== undefined) {
      const ready = options.ready();
      return void text(ready.ok ? 200 : 503, ready.ok ? 'ready\n' : `not ready: ${ready.reason ?? 'unknown'}\n`);
    }
    if (path !== '/metrics') return void text(404, 'not found\n');
    Promise.resolve().then(options.metrics).then(
      (body) => response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(body),
      (error: unknown) => text(500, `${String(error)}\n`),
    );
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error) => reject(new AppError('DEPENDENCY_UNAVAILABLE', `cannot listen on port ${options.port}: ${error.message}`, { cause: error })));
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return { port, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}
