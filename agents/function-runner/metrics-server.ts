// `/metrics` (Prometheus text) and `/healthz` over plain HTTP, for a scrape job and a liveness probe.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../shared/core/errors.ts';
import type { LagSample, RunnerMetrics } from './metrics.ts';

/** What the server reports. */
export interface MetricsServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Loopback unless told otherwise; `0.0.0.0` in a pod. */
  readonly host?: string;
  readonly metrics: RunnerMetrics;
  /** Lag per partition; a failure leaves the lag series out of that scrape. */
  readonly lag: () => Promise<readonly LagSample[]>;
  /** Whether the runner holds a group membership and has not failed. */
  readonly healthy: () => boolean;
}

/** A listening metrics server. */
export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

const LAG_TIMEOUT_MS = 2_000;

async function scrape(options: MetricsServerOptions): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<readonly LagSample[]>((resolve) => { timer = setTimeout(() => resolve([]), LAG_TIMEOUT_MS); });
  const lag = await Promise.race([options.lag().catch(() => []), timeout]).finally(() => clearTimeout(timer));
  return options.metrics.render(lag);
}

function listen(server: Server, options: MetricsServerOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new AppError('DEPENDENCY_UNAVAILABLE', `metrics server cannot listen on port ${options.port}: ${error.message}`, { cause: error })));
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Start serving `/metrics` and `/healthz` (200 `ok`, or 503 `unhealthy`). */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      const healthy = options.healthy();
      response.writeHead(healthy ? 200 : 503, { 'content-type': 'text/plain' }).end(healthy ? 'ok\n' : 'unhealthy\n');
      return;
    }
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    scrape(options).then(
      (body) => response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(body),
      (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
    );
  });
  const port = await listen(server, options);
  return {
    port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
