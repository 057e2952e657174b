import * as http from 'node:http';
import * as https from 'node:https';
import type * as k8s from '@kubernetes/client-node';
import { AppError } from '../../../core/errors.ts';
import { statusError } from './status-error.ts';

/** Query parameters of a list or watch request; undefined ones are left out. */
export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** Raw GET requests to the API server, with the kubeconfig's credentials: JSON bodies and watch streams as sent. */
export interface KubeHttp {
  /** The response to a GET, status and body stream as received (for watches); rejects only when no response came. */
  open(path: string, query: Query, signal: AbortSignal): Promise<http.IncomingMessage>;
  /** The JSON body of a GET; a non-2xx answer is an `AppError` (`statusError`). */
  getJson(path: string, query: Query, signal: AbortSignal): Promise<unknown>;
}

/** The socket idle time after which a request is dropped: longer than any server-side watch timeout we ask for. */
export const IDLE_TIMEOUT_MS = 330_000;

function urlOf(server: string, path: string, query: Query): URL {
  const url = new URL(server.replace(/\/$/, '') + path);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

async function openWith(config: k8s.KubeConfig, url: URL, signal: AbortSignal): Promise<http.IncomingMessage> {
  const options: https.RequestOptions = { method: 'GET', headers: { accept: 'application/json' } };
  await config.applyToHTTPSOptions(options);
  const client = url.protocol === 'http:' ? http : https;
  if (url.protocol === 'http:') delete options.agent;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { ...options, signal }, resolve);
    request.setTimeout(IDLE_TIMEOUT_MS, () => request.destroy(new Error(`no data from the API server for ${IDLE_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end();
  });
}

async function readBody(response: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Raw HTTP access to the cluster of `config` (the server, CA, client certificate or token of its current
 * context). client-node's typed clients turn objects into its model classes, which drop fields they do
 * not know (new API fields, CRD specs) and turn times into `Date`s; the agents publish objects as the
 * API server sent them, so they read the wire JSON instead.
 */
export function createKubeHttp(config: k8s.KubeConfig): KubeHttp {
  const cluster = config.getCurrentCluster();
  if (cluster === null) throw new AppError('INVALID_INPUT', 'the kubeconfig has no current cluster');
  const open = async (path: string, query: Query, signal: AbortSignal): Promise<http.IncomingMessage> => {
    try {
      return await openWith(config, urlOf(cluster.server, path, query), signal);
    } catch (error) {
      throw new AppError('DEPENDENCY_UNAVAILABLE', `GET ${path}: ${error instanceof Error ? error.message : String(error)}`, { details: { path }, cause: error });
    }
  };
  return {
    open,
    async getJson(path, query, signal) {
      const response = await open(path, query, signal);
      const body = await readBody(response).catch((error: unknown) => {
        throw new AppError('DEPENDENCY_UNAVAILABLE', `GET ${path}: the response broke off`, { details: { path }, cause: error });
      });
      const status = response.statusCode ?? 0;
      if (status < 200 || status > 299) throw statusError(`GET ${path}`, status, body);
      try {
        return JSON.parse(body) as unknown;
      } catch (error) {
        throw new AppError('DEPENDENCY_UNAVAILABLE', `GET ${path}: the API server sent no JSON`, { details: { path }, cause: error });
      }
    },
  };
}
