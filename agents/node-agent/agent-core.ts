import type { IntervalGrid } from '../../shared/core/metrics/interval-window.ts';
import type { NodeSample } from '../../shared/core/metrics/node-sample.ts';
import type { EventPublisher } from '../../shared/ports/event-publisher.ts';
import type { Log } from '../../shared/ports/log.ts';
import type { GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';
import { renderFamilies, single } from '../shared/prometheus.ts';
import { createDropOldestBuffer, type DropOldestBuffer } from './drop-oldest-buffer.ts';
import { startMetricsPublisher, type MetricsPublisher } from './metrics-publisher.ts';
import { createNodeAggregator, type NodeAggregator } from './node-aggregator.ts';

/** What both modes of the node-agent share: capacities, aggregation, the buffer and the publisher. */
export interface AgentCore {
  /** Dense FP16 capacity by GPU uuid (thousandths of TFLOPS), filled from each inventory. */
  readonly tflopsMilli: Map<string, number>;
  readonly aggregator: NodeAggregator;
  readonly buffer: DropOldestBuffer<GpuMetricsEvent>;
  readonly publisher: MetricsPublisher;
  readonly counts: { sourceErrors: number; incomplete: number };
  /** Add a node's sample; buffer the interval it closed. Drops the oldest event when the buffer is full. */
  add(node: string, sample: NodeSample): void;
  metrics(): string;
}

/** Options of {@link createAgentCore}. */
export interface AgentCoreOptions {
  readonly clusterId: string;
  readonly grid: IntervalGrid;
  readonly publisher: EventPublisher;
  readonly bufferSize: number;
  readonly batchSize: number;
  readonly log: Log;
}

const PREFIX = 'vgpu_node_agent';

function render(core: Omit<AgentCore, 'metrics' | 'add'>): string {
  const { counts } = core.aggregator;
  const published = core.publisher.counts;
  return renderFamilies([
    single(`${PREFIX}_samples_total`, 'counter', 'Node samples taken (one per node per sampling).')(counts.samples),
    single(`${PREFIX}_gpu_samples_total`, 'counter', 'GPU readings aggregated.')(counts.gpuSamples),
    single(`${PREFIX}_workload_samples_total`, 'counter', 'Workload readings aggregated.')(counts.workloadSamples),
    single(`${PREFIX}_incomplete_readings_total`, 'counter', 'GPU or process readings left out because a value was not available.')(core.counts.incomplete),
    single(`${PREFIX}_late_samples_total`, 'counter', 'Samples of an interval already published (refused).')(counts.late),
    single(`${PREFIX}_intervals_total`, 'counter', 'Intervals aggregated into gpu.metrics events.')(counts.intervals),
    single(`${PREFIX}_aggregated_workloads_total`, 'counter', 'Per-interval workload usages in those events.')(counts.aggregatedWorkloads),
    { name: `${PREFIX}_events_published_total`, type: 'counter', help: 'Events Kafka acknowledged, by topic.', series: [
      { labels: { topic: 'gpu-metrics' }, value: published.metricsEvents }, { labels: { topic: 'gpu-inventory' }, value: published.inventoryEvents }] },
    single(`${PREFIX}_buffer_depth`, 'gauge', 'Metrics events waiting for Kafka.')(core.buffer.size()),
    single(`${PREFIX}_buffer_dropped_total`, 'counter', 'Metrics events dropped (oldest first) because the buffer was full.')(core.buffer.dropped()),
    single(`${PREFIX}_refused_events_total`, 'counter', 'Metrics events Kafka refused on their own (too large), dropped.')(published.refused),
    single(`${PREFIX}_publish_failures_total`, 'counter', 'Kafka sends that failed and were retried.')(published.failures),
    single(`${PREFIX}_source_errors_total`, 'counter', 'Samplings or discoveries the GPU source failed.')(core.counts.sourceErrors),
  ]);
}

/** The shared core of a node-agent. */
export function createAgentCore(options: AgentCoreOptions): AgentCore {
  const tflopsMilli = new Map<string, number>();
  const aggregator = createNodeAggregator({ clusterId: options.clusterId, grid: options.grid, fp16TflopsMilliOf: (uuid) => tflopsMilli.get(uuid) ?? 0 });
  const buffer = createDropOldestBuffer<GpuMetricsEvent>(options.bufferSize);
  const publisher = startMetricsPublisher({
    publisher: options.publisher, buffer, batchSize: options.batchSize, retryDelayMs: 1_000,
    onError: (error) => options.log('warn', 'publishing to Kafka failed; retrying', { code: error.code, error: error.message, buffered: buffer.size(), dropped: buffer.dropped() }),
  });
  const parts = { tflopsMilli, aggregator, buffer, publisher, counts: { sourceErrors: 0, incomplete: 0 } };
  return {
    ...parts,
    add(node, sample) {
      const event = aggregator.add(node, sample);
      if (event !== undefined) buffer.push(event);
    },
    metrics: () => render(parts),
  };
}
