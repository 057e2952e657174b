import { describe, expect, it } from 'vitest';
import { gpuMetricsSchema } from '../../shared/schemas/events/gpu-metrics.ts';
import { createDropOldestBuffer } from './drop-oldest-buffer.ts';
import { createNodeAggregator } from './node-aggregator.ts';

const MINUTE = 60_000;
const sample = (atMs: number, percent: number) => ({
  atMs, gpus: [{ uuid: 'GPU-0', computePercent: percent, vramBytes: 1_000 }],
  workloads: [{ namespace: 'ml', pod: 'train-0', gpuUuid: 'GPU-0', computePercent: percent, vramBytes: 500 }],
});

describe('Function: createNodeAggregator()', () => {
  it('publishes one valid gpu.metrics event per node per interval, with TFLOPS from the capacity', () => {
    const aggregator = createNodeAggregator({ clusterId: 'lab', grid: { intervalMs: MINUTE, originMs: 0 }, fp16TflopsMilliOf: () => 312_000 });
    expect(aggregator.add('n1', sample(0, 50))).toBeUndefined();
    expect(aggregator.add('n1', sample(30_000, 100))).toBeUndefined();
    expect(aggregator.add('n2', sample(30_000, 10))).toBeUndefined();
    const event = aggregator.add('n1', sample(MINUTE, 0));
    expect(gpuMetricsSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      type: 'gpu.metrics', clusterId: 'lab', source: 'node-agent/n1', time: '1970-01-01T00:01:00.000Z',
      data: { node: 'n1', intervalStart: '1970-01-01T00:00:00.000Z', intervalEnd: '1970-01-01T00:01:00.000Z',
        gpus: [{ uuid: 'GPU-0', computePercent: { max: 100, mean: 75 }, tflops: { max: 312, mean: 234 } }],
        workloads: [{ pod: 'train-0', samples: 2, computePercent: { max: 100, mean: 75 } }] },
    });
    expect(aggregator.add('n1', sample(10, 1))).toBeUndefined();
    expect(aggregator.flush().map((flushed) => flushed.data.node)).toEqual(['n1', 'n2']);
    expect(aggregator.flush()).toEqual([]);
    expect(aggregator.counts).toEqual({ samples: 4, gpuSamples: 4, workloadSamples: 4, late: 1, intervals: 3, aggregatedWorkloads: 3 });
  });
});

describe('Function: createDropOldestBuffer()', () => {
  it('drops the oldest items when full and counts them', () => {
    const buffer = createDropOldestBuffer<number>(3);
    for (const n of [1, 2, 3, 4, 5]) buffer.push(n);
    expect(buffer.peek(10).map((entry) => entry.item)).toEqual([3, 4, 5]);
    expect(buffer.dropped()).toBe(2);
  });

  it('settles up to a sequence number even when items were dropped meanwhile', () => {
    const buffer = createDropOldestBuffer<number>(2);
    buffer.push(1);
    buffer.push(2);
    const sent = buffer.peek(2);
    buffer.push(3);
    buffer.settle(sent.at(-1)?.seq ?? 0);
    expect(buffer.peek(10).map((entry) => entry.item)).toEqual([3]);
    buffer.settle(99);
    expect(buffer.size()).toBe(0);
  });

  it('wakes waiters for items and for room', async () => {
    const buffer = createDropOldestBuffer<number>(1);
    const items = buffer.waitForItems(new AbortController().signal);
    buffer.push(1);
    await items;
    await buffer.waitForItems(new AbortController().signal);
    let room = false;
    const waiting = buffer.waitForRoom().then(() => { room = true; });
    await Promise.resolve();
    expect(room).toBe(false);
    buffer.settle(1);
    await waiting;
    await buffer.waitForRoom();
    const stop = new AbortController();
    const aborted = buffer.waitForItems(stop.signal);
    stop.abort();
    await aborted;
  });
});
