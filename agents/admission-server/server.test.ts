import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeServingCertificates, type ServingCertificates } from '../../infra/kubernetes/admission/certs.ts';
import { createAdmissionServer, type HttpHandler } from './server.ts';

let certs: ServingCertificates;
let dir: string;
let server: Server;
let port: number;
const seen: APIGatewayProxyEventV2[] = [];

const handler: HttpHandler = (event) => {
  seen.push(event);
  if (event.body === 'throw') return Promise.reject(new Error('boom'));
  if (event.body === 'binary') return Promise.resolve({ statusCode: 200, isBase64Encoded: true, body: Buffer.from('raw').toString('base64') });
  return Promise.resolve({ statusCode: 200, headers: { 'content-type': 'application/json', 'x-count': 1 }, body: JSON.stringify({ echo: event.body }) });
};

function send(options: { method: string; path: string; body?: string }): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest({ host: '127.0.0.1', port, method: options.method, path: options.path, ca: certs.caPem, headers: { 'content-type': 'application/json', 'x-multi': ['a', 'b'] } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'admission-server-'));
  certs = await makeServingCertificates(dir, { hosts: ['127.0.0.1', 'localhost'] });
  server = createAdmissionServer({ handler, tls: { cert: certs.certPem, key: certs.keyPem }, maxBodyBytes: 64 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('Agent: admission-server', () => {
  it('runs the handler for POST /mutate-v1-pod with an HTTP API (payload 2.0) event, over TLS the CA verifies', async () => {
    const answer = await send({ method: 'POST', path: '/mutate-v1-pod?timeout=10s', body: '{"a":1}' });
    expect(answer).toMatchObject({ status: 200, body: JSON.stringify({ echo: '{"a":1}' }) });
    expect(answer.headers['x-count']).toBe('1');
    const event = seen.at(-1);
    expect(event).toMatchObject({
      version: '2.0', routeKey: 'POST /mutate-v1-pod', rawPath: '/mutate-v1-pod', rawQueryString: 'timeout=10s', isBase64Encoded: false, body: '{"a":1}',
      headers: { 'content-type': 'application/json', 'x-multi': 'a, b' },
      requestContext: { http: { method: 'POST', path: '/mutate-v1-pod', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' }, stage: '$default' },
    });
    expect(event?.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    { name: 'GET /healthz answers ok', method: 'GET', path: '/healthz', body: undefined, status: 200, text: 'ok' },
    { name: 'an unknown path is 404', method: 'POST', path: '/validate', body: undefined, status: 404, text: 'no route /validate' },
    { name: 'GET on the webhook path is 405', method: 'GET', path: '/mutate-v1-pod', body: undefined, status: 405, text: '/mutate-v1-pod takes POST' },
    { name: 'a body over the limit is 413', method: 'POST', path: '/mutate-v1-pod', body: 'x'.repeat(65), status: 413, text: 'body larger than 64 bytes' },
    { name: 'a base64 result is sent as bytes', method: 'POST', path: '/mutate-v1-pod', body: 'binary', status: 200, text: 'raw' },
  ])('$name', async ({ method, path, body, status, text }) => {
    expect(await send({ method, path, ...(body === undefined ? {} : { body }) })).toMatchObject({ status, body: text });
  });

  it('answers 500 and logs when the handler throws', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await send({ method: 'POST', path: '/mutate-v1-pod', body: 'throw' })).toMatchObject({ status: 500, body: 'internal error' });
    expect(spy).toHaveBeenCalledWith('admission-server: handler failed', expect.any(Error));
    spy.mockRestore();
  });
});
