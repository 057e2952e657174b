import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as k8s from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../core/errors.ts';
import { createInformer, type Informer } from './informer.ts';
import { createKubeHttp } from './kube-http.ts';
import type { KubeObject, WatchEvent } from './kube-object.ts';

type Reply = (request: IncomingMessage, response: ServerResponse, url: URL) => void;

/** A fake API server: list replies and watch replies are taken in order; the last one repeats. */
async function fakeApiServer(script: { lists: Reply[]; watches: Reply[] }) {
  const seen: URL[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    seen.push(url);
    const queue = url.searchParams.get('watch') === 'true' ? script.watches : script.lists;
    const reply = queue.length > 1 ? queue.shift() : queue[0];
    reply?.(request, response, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const config = new k8s.KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'fake', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: 'fake', token: 'secret-token' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
    currentContext: 'fake',
  });
  return { http: createKubeHttp(config), seen, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

const pod = (name: string, resourceVersion: string): KubeObject => ({ metadata: { name, namespace: 'ml', uid: `uid-${name}`, resourceVersion } });
const list = (resourceVersion: string, items: KubeObject[], more?: string): Reply => (_request, response) =>
  response.writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion, ...(more === undefined ? {} : { continue: more }) }, items }));
const stream = (...lines: unknown[]): Reply => (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  for (const line of lines) response.write(`${JSON.stringify(line)}\n`);
  response.end();
};
const status = (code: number): Reply => (_request, response) =>
  response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Status', code, reason: 'Expired', message: `status ${code}` }));
const hang: Reply = (_request, response) => { response.writeHead(200); };
const gone = { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 5 (9)' } };

function recorder() {
  const calls: string[] = [];
  const errors: AppError[] = [];
  return {
    calls, errors,
    handler: {
      listed: async (objects: readonly KubeObject[]) => { calls.push(`listed ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(',')}`); },
      changed: async (event: WatchEvent) => { calls.push(`${event.type} ${event.object.metadata?.name}@${event.object.metadata?.resourceVersion}`); },
    },
    onError: (error: AppError) => errors.push(error),
  };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let tries = 0; tries < 200 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

const running: Informer[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((informer) => informer.stop()));
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function start(script: { lists: Reply[]; watches: Reply[] }) {
  const api = await fakeApiServer(script);
  closers.push(api.close);
  const record = recorder();
  const informer = createInformer({
    http: api.http, resource: { path: '/api/v1/pods', labelSelector: 'tensor-fusion.ai/enabled=true' }, handler: record.handler,
    backoff: { baseMs: 5, maxMs: 20 }, onError: record.onError, pageSize: 2,
  });
  running.push(informer);
  return { ...record, informer, seen: api.seen };
}

describe('Adapter: kubernetes informer', () => {
  it('lists page by page, then hands on watch events in order from the list resourceVersion', async () => {
    const at = await start({
      lists: [list('10', [pod('a', '3'), pod('b', '4')], 'page-2'), list('99', [pod('c', '5')])],
      watches: [stream({ type: 'ADDED', object: pod('d', '11') }, { type: 'MODIFIED', object: pod('a', '12') }, { type: 'DELETED', object: pod('b', '13') }), hang],
    });
    await at.informer.synced;
    await until(() => at.calls.length === 4);
    expect(at.calls).toEqual(['listed Pod/a,Pod/b,Pod/c', 'ADDED d@11', 'MODIFIED a@12', 'DELETED b@13']);
    const [first, second, watch] = at.seen;
    expect(first?.searchParams.get('labelSelector')).toBe('tensor-fusion.ai/enabled=true');
    expect(first?.searchParams.get('limit')).toBe('2');
    expect(second?.searchParams.get('continue')).toBe('page-2');
    expect(watch?.searchParams.get('resourceVersion')).toBe('10');
    expect(watch?.searchParams.get('allowWatchBookmarks')).toBe('true');
    expect(at.informer.stats()).toMatchObject({ lists: 1, relists: 0, resourceVersion: '13' });
  });

  it('re-watches from the last event or bookmark when the server closes the watch, without relisting', async () => {
    const at = await start({
      lists: [list('10', [])],
      watches: [stream({ type: 'ADDED', object: pod('a', '11') }, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '20' } } }), hang],
    });
    await until(() => at.seen.filter((url) => url.searchParams.get('watch') === 'true').length === 2);
    expect(at.seen.at(-1)?.searchParams.get('resourceVersion')).toBe('20');
    expect(at.informer.stats()).toMatchObject({ lists: 1, relists: 0, watches: 2 });
  });

  it('relists after a 410 Gone ERROR event and hands on the full list again', async () => {
    const at = await start({
      lists: [list('10', [pod('a', '3')]), list('30', [pod('b', '25')])],
      watches: [stream({ type: 'ADDED', object: pod('x', '11') }, gone), hang],
    });
    await until(() => at.calls.length === 3);
    expect(at.calls).toEqual(['listed Pod/a', 'ADDED x@11', 'listed Pod/b']);
    expect(at.informer.stats()).toMatchObject({ lists: 2, relists: 1 });
    await until(() => at.seen.at(-1)?.searchParams.get('watch') === 'true');
    expect(at.seen.at(-1)?.searchParams.get('resourceVersion')).toBe('30');
    expect(at.errors).toEqual([]);
  });

  it('resumes with a watch from a kept resourceVersion, and lists when it is gone', async () => {
    const api = await fakeApiServer({ lists: [list('9', [pod('a', '8')])], watches: [stream(gone), hang] });
    closers.push(api.close);
    const record = recorder();
    const informer = createInformer({ http: api.http, resource: { path: '/api/v1/pods' }, handler: record.handler, resumeFrom: '5', backoff: { baseMs: 5, maxMs: 5 } });
    running.push(informer);
    await informer.synced;
    expect(record.calls).toEqual(['listed Pod/a']);
    expect(api.seen[0]?.searchParams.get('resourceVersion')).toBe('5');
    expect(api.seen[1]?.searchParams.get('watch')).toBeNull();
  });

  it('relists after an HTTP 410 answer to the watch', async () => {
    const at = await start({ lists: [list('10', []), list('40', [pod('z', '40')])], watches: [status(410), hang] });
    await until(() => at.calls.length === 2);
    expect(at.informer.stats().relists).toBe(1);
  });

  it('backs off after failures, relists after three watch failures in a row, and reports each error', async () => {
    const at = await start({ lists: [status(500), list('10', []), list('50', [])], watches: [status(503), status(503), status(503), hang] });
    await until(() => at.informer.stats().lists === 2);
    expect(at.errors.map((error) => error.code)).toEqual(['DEPENDENCY_UNAVAILABLE', 'DEPENDENCY_UNAVAILABLE', 'DEPENDENCY_UNAVAILABLE', 'DEPENDENCY_UNAVAILABLE']);
    expect(at.errors[0]?.message).toContain('GET /api/v1/pods: status 500');
    expect(at.informer.stats()).toMatchObject({ relists: 1, failures: 4 });
  });

  it('treats a watch closed at once without events, a broken line and a non-410 ERROR as failures', async () => {
    const broken: Reply = (_request, response) => { response.writeHead(200); response.end('{"type":\n'); };
    const at = await start({
      lists: [list('10', [])],
      watches: [stream(), broken, stream({ type: 'ERROR', object: { kind: 'Status', code: 500, message: 'etcd down' } }), hang],
    });
    await until(() => at.errors.length === 3);
    expect(at.errors.map((error) => error.message)).toEqual([
      'watch /api/v1/pods closed at once without an event', 'watch: a line is not JSON', 'watch: etcd down',
    ]);
  });

  it('waits for a slow handler before reading on, and stops cleanly', async () => {
    const api = await fakeApiServer({ lists: [list('1', [])], watches: [stream(...Array.from({ length: 20 }, (_v, i) => ({ type: 'ADDED', object: pod(`p${i}`, String(i + 2)) }))), hang] });
    closers.push(api.close);
    const order: string[] = [];
    let inFlight = 0;
    const informer = createInformer({
      http: api.http, resource: { path: '/api/v1/pods' }, backoff: { baseMs: 5, maxMs: 5 },
      handler: {
        listed: async () => undefined,
        changed: async (event) => {
          inFlight += 1;
          expect(inFlight).toBe(1);
          await new Promise((resolve) => setTimeout(resolve, 2));
          order.push(event.object.metadata?.name ?? '');
          inFlight -= 1;
        },
      },
    });
    await until(() => order.length === 20);
    expect(order).toEqual(Array.from({ length: 20 }, (_v, i) => `p${i}`));
    await informer.stop();
    expect(informer.stats().resourceVersion).toBe('21');
  });

  it('sends the kubeconfig token', async () => {
    let authorization: string | undefined;
    const api = await fakeApiServer({ lists: [(request, response, url) => { authorization = request.headers.authorization; list('1', [])(request, response, url); }], watches: [hang] });
    closers.push(api.close);
    const informer = createInformer({ http: api.http, resource: { path: '/api/v1/nodes' }, handler: recorder().handler });
    running.push(informer);
    await informer.synced;
    expect(authorization).toBe('Bearer secret-token');
  });
});
