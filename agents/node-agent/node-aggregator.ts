import { randomUUID } from 'node:crypto';
import { aggregateInterval } from '../../shared/core/metrics/aggregate-interval.ts';
import { addToWindow, closeWindow, type ClosedInterval, type IntervalGrid, type IntervalWindow } from '../../shared/core/metrics/interval-window.ts';
import type { NodeSample } from '../../shared/core/metrics/node-sample.ts';
import { SPEC_VERSION } from '../../shared/schemas/events/envelope.ts';
import type { GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';

/** Counts the aggregator keeps. */
export interface AggregatorCounts {
  /** Node samples added, and the GPU and workload readings in them. */
  samples: number;
  gpuSamples: number;
  workloadSamples: number;
  /** Samples of an interval already published (refused). */
  late: number;
  /** Intervals closed into events, and the workload usages in them (aggregated samples). */
  intervals: number;
  aggregatedWorkloads: number;
}

/** Cuts each node's samples into intervals and turns each finished interval into one `gpu.metrics` event. */
export interface NodeAggregator {
  /** Add `sample` of `node`; the event of the interval it closed, if any. */
  add(node: string, sample: NodeSample): GpuMetricsEvent | undefined;
  /** Close every open interval (shutdown, end of a replay). */
  flush(): GpuMetricsEvent[];
  readonly counts: Readonly<AggregatorCounts>;
}

/** Options of {@link createNodeAggregator}. */
export interface AggregatorOptions {
  readonly clusterId: string;
  readonly grid: IntervalGrid;
  /** Dense FP16 capacity of a GPU, in thousandths of TFLOPS (from the inventory). */
  readonly fp16TflopsMilliOf: (uuid: string) => number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function toEvent(options: AggregatorOptions, node: string, closed: ClosedInterval): GpuMetricsEvent {
  const { gpus, workloads } = aggregateInterval(closed.samples, options.fp16TflopsMilliOf);
  return {
    specversion: SPEC_VERSION, id: randomUUID(), type: 'gpu.metrics', clusterId: options.clusterId, time: iso(closed.endMs), source: `node-agent/${node}`,
    data: { node, intervalStart: iso(closed.startMs), intervalEnd: iso(closed.endMs), gpus, workloads },
  };
}

/** An aggregator over `options.grid` (ARCHITECTURE §7: one record per node per interval, not per sample). */
export function createNodeAggregator(options: AggregatorOptions): NodeAggregator {
  const windows = new Map<string, IntervalWindow>();
  const counts: AggregatorCounts = { samples: 0, gpuSamples: 0, workloadSamples: 0, late: 0, intervals: 0, aggregatedWorkloads: 0 };
  const emit = (node: string, closed: ClosedInterval): GpuMetricsEvent => {
    const event = toEvent(options, node, closed);
    counts.intervals += 1;
    counts.aggregatedWorkloads += event.data.workloads.length;
    return event;
  };
  return {
    counts,
    add(node, sample) {
      const step = addToWindow(windows.get(node), sample, options.grid);
      if (step.late === true) {
        counts.late += 1;
        return undefined;
      }
      counts.samples += 1;
      counts.gpuSamples += sample.gpus.length;
      counts.workloadSamples += sample.workloads.length;
      windows.set(node, step.window);
      return step.closed === undefined ? undefined : emit(node, step.closed);
    },
    flush() {
      const events = [...windows].map(([node, window]) => emit(node, closeWindow(window, options.grid)));
      windows.clear();
      return events;
    },
  };
}
