import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/adapters/kafka/event-message.ts';
import type { KubeHttp } from '../../shared/adapters/kubernetes/informers/kube-http.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import { startClusterAgent, type ClusterAgent } from './cluster-agent.ts';
import type { MessageSink } from '../../shared/adapters/kafka/message-sink.ts';

const dirs: string[] = [];
const agents: ClusterAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.stop(100)));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const pod = (name: string, rv: string) => ({ metadata: { name, namespace: 'ml', uid: `uid-${name}`, resourceVersion: rv }, spec: {} });

/** An API server in memory: one pod list, and a watch stream the test writes events to. */
function fakeHttp() {
  const watch = new PassThrough();
  const http: KubeHttp = {
    getJson: async () => ({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '10' }, items: [pod('a', '5'), pod('b', '6')] }),
    open: async (_path, _query, signal) => {
      signal.addEventListener('abort', () => watch.destroy(), { once: true });
      return Object.assign(watch, { statusCode: 200 }) as unknown as IncomingMessage;
    },
  };
  return { http, send: (type: string, object: unknown) => watch.write(`${JSON.stringify({ type, object })}\n`) };
}

function memorySink() {
  const sent: EventMessage[] = [];
  const sink: MessageSink = { send: async (_topic, messages) => { sent.push(...messages); }, disconnect: async () => undefined };
  return { sent, sink, types: () => sent.map((message) => `${message.headers['ce-type']} ${(JSON.parse(message.value) as { data: { object: { metadata: { name: string } } } }).data.object.metadata.name}`) };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let tries = 0; tries < 300 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe('Function: startClusterAgent()', () => {
  it('publishes the list and the watch, reports metrics and readiness, and forgets deletes once acknowledged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-agent-'));
    dirs.push(dir);
    const api = fakeHttp();
    const out = memorySink();
    const logs: string[] = [];
    const agent = startClusterAgent({
      clusterId: 'lab', http: api.http, sink: out.sink, topic: 'cluster-events', kinds: ['pods'], scope: {}, stateFile: join(dir, 'state.jsonl'),
      bufferSize: 10, batchSize: 10, watchTimeoutSeconds: 60, clock: fixedClock('2025-01-31T12:00:00Z'), log: (_level, message) => logs.push(message),
    });
    agents.push(agent);
    expect(agent.ready()).toEqual({ ok: false, reason: 'informers have not listed yet' });
    await agent.synced;
    await until(() => out.sent.length === 2);
    api.send('DELETED', pod('a', '11'));
    api.send('ADDED', { metadata: { name: 'Bad_Name', namespace: 'ml', uid: 'x', resourceVersion: '12' } });
    await until(() => out.sent.length === 3);
    expect(out.types()).toEqual(['pod.upserted a', 'pod.upserted b', 'pod.deleted a']);
    expect(agent.ready()).toEqual({ ok: true });
    await until(() => agent.metrics().includes('vgpu_cluster_agent_known_objects 1'));
    const metrics = agent.metrics();
    expect(metrics).toContain('vgpu_cluster_agent_events_published_total{kind="pods"} 3');
    expect(metrics).toContain('vgpu_cluster_agent_invalid_objects_total 1');
    expect(metrics).toContain('vgpu_cluster_agent_buffer_depth 0');
    expect(metrics).toContain('vgpu_cluster_agent_publish_waiting_seconds 0');
    expect(logs).toContain('an object breaks its event contract; not published');
  });

  it('reports a Kafka send stuck for long as not ready', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-agent-'));
    dirs.push(dir);
    const stuck: MessageSink = { send: () => new Promise(() => undefined), disconnect: async () => undefined };
    const now = Date.now();
    const agent = startClusterAgent({
      clusterId: 'lab', http: fakeHttp().http, sink: stuck, topic: 't', kinds: ['pods'], scope: {}, stateFile: join(dir, 's.jsonl'),
      bufferSize: 10, batchSize: 10, watchTimeoutSeconds: 60, clock: fixedClock('2025-01-31T12:00:00Z'), log: () => undefined,
    });
    agents.push(agent);
    await agent.synced;
    await until(() => agent.metrics().includes('vgpu_cluster_agent_buffer_depth 2'));
    const realNow = Date.now;
    Date.now = () => now + 60_000;
    try {
      expect(agent.ready()).toMatchObject({ ok: false, reason: expect.stringContaining('a Kafka send has been waiting for') });
      expect(agent.metrics()).toMatch(/vgpu_cluster_agent_publish_waiting_seconds [5-6]\d/);
    } finally {
      Date.now = realNow;
    }
  });
});
