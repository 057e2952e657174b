// `/metrics` (Prometheus text) and `/healthz` over plain HTTP, for a scrape job and a liveness probe.
import { startEndpoints, type Endpoints } from '../shared/http-endpoints.ts';
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
export type MetricsServer = Endpoints;

const LAG_TIMEOUT_MS = 2_000;

async function scrape(options: MetricsServerOptions): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<readonly LagSample[]>((resolve) => { timer = setTimeout(() => resolve([]), LAG_TIMEOUT_MS); });
  const lag = await Promise.race([options.lag().catch(() => []), timeout]).finally(() => clearTimeout(timer));
  return options.metrics.render(lag);
}

/** Start serving `/metrics` and `/healthz` (200 `ok`, or 503 `unhealthy`). */
export const startMetricsServer = (options: MetricsServerOptions): Promise<MetricsServer> =>
  startEndpoints({ port: options.port, ...(options.host === undefined ? {} : { host: options.host }), metrics: () => scrape(options), healthy: options.healthy });
