// The node-agent as a real process against the stack's Kafka broker: a replay of the gentd26 trace at
// maximum speed publishes exactly the aggregated samples the trace holds (counted here independently,
// straight from the files), gzipped on the broker (content-encoding: gzip) and each a valid event, and a
// live DCGM source served over HTTP publishes inventory and metrics (plain JSON with --metrics-compression none).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Kafka } from 'kafkajs';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { provisionTopics } from '../../shared/adapters/kafka/provision-topics.ts';
import { gpuMetricsSchema, type GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';
import { readEvents, startAgentProcess, type AgentProcess, type EventReader } from '../fixtures/gpu/agents-harness.ts';
import { REPO, testKafka, uniqueName, waitFor } from '../fixtures/handlers/harness.ts';

const stack = inject('stack');
const GENTD26 = join(REPO, '..', 'shared', 'data', 'gentd26');
const INTERVAL_MS = 300_000;
const START = '2025-01-01T00:00:00.000Z';
let kafka: Kafka;
const agents: AgentProcess[] = [];
const readers: EventReader[] = [];

beforeAll(async () => {
  kafka = testKafka(stack.kafka.bootstrap);
  await provisionTopics(kafka, { replicationFactor: 1 });
});

afterEach(async () => {
  for (const agent of agents.splice(0)) if (agent.child.exitCode === null && agent.child.signalCode === null) agent.child.kill('SIGKILL');
  await Promise.all(readers.splice(0).map((reader) => reader.stop()));
});

/** Points of a gentd26 file, read here with a plain split (not the agent's parser): key `pod/seconds` → value. */
function readSeries(file: string): Map<string, number> {
  const [header = '', ...rows] = gunzipSync(readFileSync(join(GENTD26, file))).toString('utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  const at = (name: string) => names.indexOf(name);
  return new Map(rows.map((row) => {
    const fields = row.split(',');
    return [`${fields[at('container_ip')]}/${Number(fields[at('timestamp_anon')])}`, Number(fields[at('value')])];
  }));
}

/** What the replay must publish, from the files: readings with both measures, and distinct (pod, interval) pairs. */
function expectation() {
  const duty = readSeries('pod_gpu_duty_cycle_anon.csv.gz');
  const memory = readSeries('pod_gpu_memory_used_bytes_anon.csv.gz');
  const seconds = (key: string) => Number(key.slice(key.indexOf('/') + 1));
  const least = (keys: Iterable<string>) => [...keys].reduce((min, key) => Math.min(min, seconds(key)), Infinity);
  const joined = [...duty.keys()].filter((key) => memory.has(key));
  const origin = least(joined);
  const bucket = (key: string) => Math.floor(((seconds(key) - origin) * 1000) / INTERVAL_MS);
  return {
    readings: joined.length,
    podIntervals: new Set(joined.map((key) => `${key.slice(0, key.indexOf('/'))}/${bucket(key)}`)).size,
    intervals: new Set(joined.map(bucket)).size,
    pods: new Set(joined.map((key) => key.slice(0, key.indexOf('/')))).size,
  };
}

const metricsOf = (reader: EventReader) => reader.events.map((event) => ({ ...event, data: event.data as unknown as GpuMetricsEvent['data'] }));

describe('Agent: node-agent process (integration)', () => {
  it('replays the whole gentd26 trace at max speed and publishes one aggregated sample per pod per interval', async () => {
    const clusterId = uniqueName('replay');
    const metrics = await readEvents(kafka, { topic: 'gpu-metrics', clusterId });
    const inventory = await readEvents(kafka, { topic: 'gpu-inventory', clusterId });
    readers.push(metrics, inventory);
    const agent = startAgentProcess('node-agent', [
      '--cluster-id', clusterId, '--brokers', stack.kafka.bootstrap, '--source', 'replay', '--speed', 'max', '--interval-ms', String(INTERVAL_MS),
      '--replay-start', START, '--pool', 'replay-pool',
    ]);
    agents.push(agent);
    expect(await agent.exited, agent.output()).toEqual({ code: 0, signal: null });
    const expected = expectation();
    const nodes = (() => {
      const summary = /"message":"replay finished".*"nodes":(\d+)/.exec(agent.output());
      return Number(summary?.[1]);
    })();
    await inventory.until(`${nodes} inventories`, (events) => events.length === nodes);
    await metrics.until(`${nodes * expected.intervals} metrics events`, (events) => events.length === nodes * expected.intervals);
    const events = metricsOf(metrics);
    const workloads = events.flatMap((event) => event.data.workloads);
    expect(workloads).toHaveLength(expected.podIntervals);
    expect(workloads.reduce((sum, workload) => sum + workload.samples, 0)).toBe(expected.readings);
    expect(new Set(workloads.map((workload) => workload.pod)).size).toBe(expected.pods);
    for (const event of events) expect(gpuMetricsSchema.safeParse({ specversion: 1, id: event.id, type: event.type, clusterId, time: event.data.intervalEnd, source: 'x', data: event.data }).success).toBe(true);
    // On the broker each gpu.metrics record is gzipped (the default) and decodes to a valid event; the inventory is plain JSON.
    expect(new Set(events.map((event) => `${event.headers['content-encoding']} ${event.headers['content-type']} ${event.headers['ce-type']}`))).toEqual(new Set(['gzip application/json gpu.metrics']));
    for (const event of events) expect(gpuMetricsSchema.safeParse(event.value).error).toBeUndefined();
    expect(inventory.events.map((event) => event.headers['content-encoding'])).toEqual(inventory.events.map(() => undefined));
    const byNode = Map.groupBy(events, (event) => event.data.node);
    expect(byNode.size).toBe(nodes);
    for (const [node, sequence] of byNode) {
      expect(new Set(sequence.map((event) => `${event.key}@${event.partition}`)).size).toBe(1);
      expect(sequence[0]?.key).toBe(`${clusterId}/${node}`);
      const starts = sequence.map((event) => Date.parse(event.data.intervalStart));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(sequence[0]?.data.intervalStart).toBe(START);
    }
    expect((inventory.events[0]?.data as { pool?: string }).pool).toBe('replay-pool');
  });

  it('samples a DCGM exporter live and publishes the inventory and per-interval metrics of its pods', async () => {
    const page = readFileSync(join(REPO, 'test/fixtures/gpu/dcgm-exporter.txt'), 'utf8');
    const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end(page));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const clusterId = uniqueName('dcgm');
    const metrics = await readEvents(kafka, { topic: 'gpu-metrics', clusterId });
    const inventory = await readEvents(kafka, { topic: 'gpu-inventory', clusterId });
    readers.push(metrics, inventory);
    try {
      const agent = startAgentProcess('node-agent', [
        '--cluster-id', clusterId, '--brokers', stack.kafka.bootstrap, '--source', 'dcgm', '--node', 'gpu-t4-node-3', '--pool', 't4',
        '--dcgm-url', `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, '--interval-ms', '1000', '--sample-interval-ms', '100',
        '--metrics-compression', 'none',
      ]);
      agents.push(agent);
      await metrics.until('two intervals', (events) => events.length >= 2, 30_000);
      // --metrics-compression none: plain JSON values, no content-encoding header.
      expect(metrics.events.map((event) => event.headers['content-encoding'])).toEqual(metrics.events.map(() => undefined));
      agent.child.kill('SIGTERM');
      expect((await agent.exited).code, agent.output()).toBe(0);
      const inventoryGpus = (inventory.events[0]?.data as { gpus: { model: string; fp16TflopsMilli: number }[] }).gpus;
      expect(inventoryGpus.map((gpu) => [gpu.model, gpu.fp16TflopsMilli])).toEqual(Array.from({ length: 4 }, () => ['Tesla T4', 65_000]));
      const last = metricsOf(metrics).at(-2);
      expect(last?.data.gpus.map((gpu) => gpu.computePercent.max)).toEqual([97, 41, 23, 0]);
      expect(last?.data.gpus[0]?.tflops.max).toBeCloseTo(63.05, 6);
      expect(last?.data.workloads.map((workload) => `${workload.namespace}/${workload.pod}`)).toEqual(['ml/bert-train-0', 'serving/llm-a-5d9f7-abcde', 'serving/llm-b-6c8e1-fghij', 'ml/resnet-eval-0']);
      await waitFor('the events of the flush on shutdown', () => metrics.events.length >= 3, 10_000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
