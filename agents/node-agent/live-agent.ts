import type { GpuCatalogue } from '../../shared/core/catalogue/gpu-catalogue.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type { GpuInventoryEvent } from '../../shared/schemas/events/gpu-inventory.ts';
import type { AgentCore } from './agent-core.ts';
import type { Log } from '../../shared/ports/log.ts';
import { buildInventory, sameInventory } from './inventory.ts';
import type { GpuSource } from './sources/gpu-source.ts';

/** Options of {@link startLiveAgent}. */
export interface LiveOptions {
  readonly core: AgentCore;
  readonly source: GpuSource;
  readonly clusterId: string;
  readonly node: string;
  /** The node's pool: asked at every discovery (a node can be moved to another pool). */
  readonly pool: () => Promise<string>;
  readonly catalogue: GpuCatalogue;
  readonly sampleIntervalMs: number;
  readonly discoveryIntervalMs: number;
  readonly clock: Clock;
  readonly log: Log;
}

/** A running live node-agent. */
export interface LiveAgent {
  ready(): { readonly ok: boolean; readonly reason?: string };
  /** Stop sampling, publish the open interval and what is buffered (for `drainMs` at most). */
  stop(drainMs: number): Promise<void>;
}

async function discover(options: LiveOptions, last: GpuInventoryEvent | undefined): Promise<GpuInventoryEvent> {
  const gpus = await options.source.discover();
  const event = buildInventory(gpus, { clusterId: options.clusterId, node: options.node, pool: await options.pool(), catalogue: options.catalogue, time: options.clock.now().toISOString() });
  for (const gpu of event.data.gpus) options.core.tflopsMilli.set(gpu.uuid, gpu.fp16TflopsMilli);
  if (!sameInventory(last, event)) {
    options.core.publisher.offerInventory(event);
    options.log('info', 'GPU inventory', { node: options.node, pool: event.data.pool, gpus: event.data.gpus.map((gpu) => `${gpu.index}:${gpu.model}`) });
  }
  return sameInventory(last, event) && last !== undefined ? last : event;
}

async function sample(options: LiveOptions): Promise<void> {
  const reading = await options.source.sample(options.clock.now().getTime());
  options.core.counts.incomplete += reading.incomplete;
  options.core.add(options.node, reading.sample);
}

/** Run `work` every `everyMs`, never twice at once; failures are counted and logged, not fatal. */
function every(options: LiveOptions, task: { readonly name: string; readonly everyMs: number; readonly work: () => Promise<void> }): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task.work().catch((error: unknown) => {
      options.core.counts.sourceErrors += 1;
      options.log('warn', `${task.name} failed`, { error: error instanceof Error ? error.message : String(error), ...(error instanceof AppError ? { code: error.code } : {}) });
    }).finally(() => { running = false; });
  }, task.everyMs);
  return () => clearInterval(timer);
}

/**
 * Start sampling a node's GPUs: discover them now (an unknown model or a broken source fails the start),
 * then sample every `sampleIntervalMs` into the interval aggregator and rediscover every
 * `discoveryIntervalMs`, publishing the inventory again only when it changed.
 */
export async function startLiveAgent(options: LiveOptions): Promise<LiveAgent> {
  let inventory = await discover(options, undefined);
  let lastSampleOk = Date.now();
  const stops = [
    every(options, { name: 'sampling', everyMs: options.sampleIntervalMs, work: async () => { await sample(options); lastSampleOk = Date.now(); } }),
    every(options, { name: 'discovery', everyMs: options.discoveryIntervalMs, work: async () => { inventory = await discover(options, inventory); } }),
  ];
  return {
    ready: () => (Date.now() - lastSampleOk > Math.max(30_000, 5 * options.sampleIntervalMs)
      ? { ok: false, reason: `no successful sample for ${Math.round((Date.now() - lastSampleOk) / 1000)} s` } : { ok: true }),
    async stop(drainMs) {
      for (const stop of stops) stop();
      for (const event of options.core.aggregator.flush()) options.core.buffer.push(event);
      await options.core.publisher.stop(drainMs);
    },
  };
}
