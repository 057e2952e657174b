import { setTimeout as sleep } from 'node:timers/promises';
import type { GpuCatalogue } from '../../shared/core/catalogue/gpu-catalogue.ts';
import type { AgentCore } from './agent-core.ts';
import { buildInventory } from './inventory.ts';
import { samplesAt, type ReplayPlan } from './replay/replay-plan.ts';

/** Options of {@link runReplay}. */
export interface ReplayOptions {
  readonly core: AgentCore;
  readonly plan: ReplayPlan;
  readonly clusterId: string;
  readonly pool: string;
  readonly catalogue: GpuCatalogue;
  /** The namespace replayed pods are reported in. */
  readonly namespace: string;
  /** The instant the first recorded sample is replayed as (ms since the epoch); intervals align on it. */
  readonly startMs: number;
  /** Recorded time per wall time (1: real time; `Infinity`: as fast as possible). */
  readonly speed: number;
  readonly signal: AbortSignal;
}

/** What a replay did. */
export interface ReplaySummary {
  readonly nodes: number;
  readonly instants: number;
  readonly samples: number;
  readonly workloadSamples: number;
  readonly events: number;
  readonly aggregatedWorkloads: number;
  readonly seconds: number;
}

function offerInventories(options: ReplayOptions): void {
  for (const node of options.plan.nodes) {
    const event = buildInventory(node.gpus, { clusterId: options.clusterId, node: node.name, pool: options.pool, catalogue: options.catalogue, time: new Date(options.startMs).toISOString() });
    for (const gpu of event.data.gpus) options.core.tflopsMilli.set(gpu.uuid, gpu.fp16TflopsMilli);
    options.core.publisher.offerInventory(event);
  }
}

/** Wait until `recordedMs` is due at `speed`, measured from `wallStart` and the first recorded instant. */
async function pace(options: ReplayOptions, at: { readonly recordedMs: number; readonly firstMs: number; readonly wallStart: number }): Promise<void> {
  if (!Number.isFinite(options.speed)) return;
  const due = at.wallStart + (at.recordedMs - at.firstMs) / options.speed;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait, undefined, { signal: options.signal }).catch(() => undefined);
}

/**
 * Replay a recorded trace: publish each replayed node's inventory, then feed the samples of every recorded
 * instant (shifted to `startMs`) through the aggregator at `speed`, waiting for room in the buffer rather
 * than dropping (a replay is not live data), and flush at the end. Resolves once all was published.
 */
export async function runReplay(options: ReplayOptions): Promise<ReplaySummary> {
  offerInventories(options);
  const instants = [...options.plan.readings.keys()];
  const firstMs = instants[0] ?? 0;
  const wallStart = performance.now();
  let replayed = 0;
  for (const recordedMs of instants) {
    if (options.signal.aborted) break;
    await pace(options, { recordedMs, firstMs, wallStart });
    for (const { node, sample } of samplesAt(options.plan, { atMs: recordedMs, namespace: options.namespace })) {
      await options.core.buffer.waitForRoom();
      options.core.add(node, { ...sample, atMs: options.startMs + (recordedMs - firstMs) });
    }
    replayed += 1;
  }
  for (const event of options.core.aggregator.flush()) {
    await options.core.buffer.waitForRoom();
    options.core.buffer.push(event);
  }
  while (!options.core.publisher.idle() && !options.signal.aborted) await sleep(20);
  const { counts } = options.core.aggregator;
  return {
    nodes: options.plan.nodes.length, instants: replayed, samples: counts.samples, workloadSamples: counts.workloadSamples,
    events: options.core.publisher.counts.metricsEvents, aggregatedWorkloads: counts.aggregatedWorkloads, seconds: (performance.now() - wallStart) / 1000,
  };
}
