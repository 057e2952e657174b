// A plain Node HTTPS server for clusters that call the webhook directly (clientConfig.service or .url):
// POST /mutate-v1-pod runs the admission handler, GET /healthz answers "ok". TLS material is PEM text;
// main.ts reads it from the mounted Secret and swaps it in when the files change.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { lambdaContextFactory } from '../shared/lambda-context.ts';
import { toHttpEvent } from './http-event.ts';

/** An HTTP API handler, as functions/admit-pod exports it. */
export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Options of {@link createAdmissionServer}. */
export interface AdmissionServerOptions {
  readonly handler: HttpHandler;
  readonly tls: { readonly cert: string; readonly key: string };
  /** Default `/mutate-v1-pod`. */
  readonly path?: string;
  /** Largest body accepted (default 3 MiB, the API server's request limit). */
  readonly maxBodyBytes?: number;
  /** The handler's deadline, as a Lambda timeout (default 10 s, the webhook's maximum useful time). */
  readonly timeoutMs?: number;
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.isBase64Encoded === true ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const text = (statusCode: number, body: string): APIGatewayProxyStructuredResultV2 => ({ statusCode, headers: { 'content-type': 'text/plain' }, body });

type Settings = Required<AdmissionServerOptions> & { readonly contextFor: (requestId: string) => Context };

async function serve(request: IncomingMessage, options: Settings): Promise<APIGatewayProxyStructuredResultV2> {
  const path = new URL(request.url ?? '/', 'https://admission-server').pathname;
  if (path === '/healthz') return text(200, 'ok');
  if (path !== options.path) return text(404, `no route ${path}`);
  if (request.method !== 'POST') return text(405, `${path} takes POST`);
  const body = await readBody(request, options.maxBodyBytes);
  if (body === undefined) return text(413, `body larger than ${options.maxBodyBytes} bytes`);
  const requestId = randomUUID();
  return options.handler(toHttpEvent(request, { body, requestId, at: new Date() }), options.contextFor(requestId));
}

/**
 * The HTTPS server around `handler` (not listening yet: call `listen`). Keep-alive connections are
 * kept, because the API server reuses them; a handler that throws is answered 500 and logged.
 */
export function createAdmissionServer(options: AdmissionServerOptions): Server {
  const defaults = { path: '/mutate-v1-pod', maxBodyBytes: 3 * 1024 * 1024, timeoutMs: 10_000, ...options };
  const settings: Settings = { ...defaults, contextFor: lambdaContextFactory({
    functionName: 'admit-pod', timeoutMs: defaults.timeoutMs, nowMs: () => performance.now(), host: 'admission-server', hostInWords: 'the admission server',
  }) };
  const server = createServer({ cert: options.tls.cert, key: options.tls.key, keepAliveTimeout: 65_000 }, (request, response) => {
    serve(request, settings).then((result) => send(response, result), (error: unknown) => {
      console.error('admission-server: handler failed', error);
      send(response, text(500, 'internal error'));
    });
  });
  return server;
}
