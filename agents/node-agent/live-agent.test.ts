import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../shared/core/catalogue/gpu-catalogue.ts';
import type { AnyEvent } from '../../shared/schemas/events/any-event.ts';
import type { GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';
import { createAgentCore } from './agent-core.ts';
import { startLiveAgent } from './live-agent.ts';
import type { DiscoveredGpu, GpuSource } from './sources/gpu-source.ts';

const T4: DiscoveredGpu = { uuid: 'GPU-t4', index: 0, model: 'Tesla T4', vramBytes: 16 * 2 ** 30 };

/** A source that reports `gpus` and samples 50 % on each; it fails every third sample. */
function fakeSource(gpus: () => DiscoveredGpu[]): GpuSource & { calls: number } {
  const source = {
    name: 'nvidia-smi' as const,
    calls: 0,
    discover: async () => gpus(),
    sample: async (atMs: number) => {
      source.calls += 1;
      if (source.calls % 3 === 0) throw new Error('nvidia-smi timed out');
      return { sample: { atMs, gpus: [{ uuid: 'GPU-t4', computePercent: 50, vramBytes: 1 }], workloads: [] }, incomplete: 1 };
    },
  };
  return source;
}

function setup() {
  const published: { topic: string; events: readonly AnyEvent[] }[] = [];
  const logs: string[] = [];
  const log = (_level: string, message: string) => { logs.push(message); };
  const core = createAgentCore({
    clusterId: 'lab', grid: { intervalMs: 60_000, originMs: 0 }, bufferSize: 100, batchSize: 100, log,
    publisher: { publish: async (topic, events) => { published.push({ topic, events }); } },
  });
  return { core, published, logs, log };
}

describe('Function: startLiveAgent()', () => {
  it('publishes the inventory, samples into intervals, counts failures, and publishes the open interval on stop', async () => {
    const at = setup();
    let gpus = [T4];
    const source = fakeSource(() => gpus);
    const agent = await startLiveAgent({
      core: at.core, source, clusterId: 'lab', node: 'gpu-1', pool: async () => 'pool-a', catalogue: builtinCatalogue,
      sampleIntervalMs: 10, discoveryIntervalMs: 25, clock: { now: () => new Date(0) }, log: at.log,
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    gpus = [T4, { ...T4, uuid: 'GPU-t4-b', index: 1 }];
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(agent.ready()).toEqual({ ok: true });
    await agent.stop(1_000);
    const inventories = at.published.filter((call) => call.topic === 'gpu-inventory').flatMap((call) => call.events);
    expect(inventories.map((event) => (event as { data: { gpus: unknown[] } }).data.gpus.length)).toEqual([1, 2]);
    const metrics = at.published.filter((call) => call.topic === 'gpu-metrics').flatMap((call) => call.events) as GpuMetricsEvent[];
    expect(metrics).toHaveLength(1);
    expect(metrics[0]?.data.gpus[0]).toMatchObject({ uuid: 'GPU-t4', computePercent: { max: 50, mean: 50 }, tflops: { max: 32.5, mean: 32.5 } });
    expect(at.core.counts.sourceErrors).toBeGreaterThan(0);
    expect(at.core.counts.incomplete).toBeGreaterThan(0);
    expect(at.logs).toContain('sampling failed');
    expect(at.core.metrics()).toMatch(/vgpu_node_agent_events_published_total\{topic="gpu-metrics"\} 1/);
  });

  it('fails to start on a GPU model the catalogue does not know', async () => {
    const at = setup();
    await expect(startLiveAgent({
      core: at.core, source: fakeSource(() => [{ ...T4, model: 'Mystery' }]), clusterId: 'lab', node: 'gpu-1', pool: async () => 'default',
      catalogue: builtinCatalogue, sampleIntervalMs: 10, discoveryIntervalMs: 10, clock: { now: () => new Date(0) }, log: at.log,
    })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await at.core.publisher.stop(0);
  });
});
