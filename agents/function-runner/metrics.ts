// The runner's numbers, rendered in the Prometheus text format
// (https://prometheus.io/docs/instrumenting/exposition_formats/). Pure apart from the counters it holds.
import { escapeLabel, familyHeader } from '../shared/prometheus.ts';

/** Counters, each with its help text. */
export const COUNTERS = {
  recordsIn: ['vgpu_runner_records_in_total', 'Records handed to the handler (a redelivered record counts again).'],
  recordsOut: ['vgpu_runner_records_out_total', 'Records the handler finished with (their offsets are committed next).'],
  recordsFailed: ['vgpu_runner_records_failed_total', 'Records the handler failed (listed in batchItemFailures, or in a batch that threw).'],
  retries: ['vgpu_runner_retries_total', 'Times a partition was read again from a failed record after a backoff.'],
  deadLettered: ['vgpu_runner_dead_lettered_total', 'Records the runner parked on the dead-letter topic after maxRetries.'],
  invocations: ['vgpu_runner_invocations_total', 'Handler invocations (batches).'],
  invocationErrors: ['vgpu_runner_invocation_errors_total', 'Invocations that threw or answered with something unreadable.'],
} as const;

/** A counter's name. */
export type CounterName = keyof typeof COUNTERS;

/** Histogram buckets of batch latency, in seconds. */
export const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

/** How far one partition's committed offset trails its end. */
export interface LagSample {
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

/** Batch latency quantiles over the most recent batches. */
export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** The runner's counters and batch latencies. */
export interface RunnerMetrics {
  count(name: CounterName, by?: number): void;
  value(name: CounterName): number;
  /** One batch: from building its Lambda event until the handler's answer was read. */
  observeBatchMs(ms: number): void;
  latency(): LatencySummary;
  /** The Prometheus text of everything, with `lag` as per-partition gauges. */
  render(lag: readonly LagSample[]): string;
}

const RESERVOIR = 4_096;

/** The `q` quantile (0..1) of ascending `sorted` values, nearest rank; 0 when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** What the metrics hold between scrapes. */
interface MetricsState {
  readonly label: string;
  readonly counters: Map<CounterName, number>;
  readonly buckets: number[];
  readonly recent: number[];
  observed: number;
  sumMs: number;
}

function summarise(state: MetricsState): LatencySummary {
  const sorted = [...state.recent].sort((a, b) => a - b);
  return { count: state.observed, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99) };
}

function renderLatency(state: MetricsState): string[] {
  const { label } = state;
  const name = 'vgpu_runner_batch_duration_seconds';
  const lines = familyHeader(name, 'histogram', 'Time from building a batch\'s Lambda event until the handler\'s answer was read.');
  LATENCY_BUCKETS_SECONDS.forEach((le, index) => lines.push(`${name}_bucket{${label},le="${le}"} ${state.buckets[index] ?? 0}`));
  lines.push(`${name}_bucket{${label},le="+Inf"} ${state.observed}`, `${name}_sum{${label}} ${state.sumMs / 1000}`, `${name}_count{${label}} ${state.observed}`);
  const summary = summarise(state);
  lines.push(...familyHeader('vgpu_runner_batch_latency_seconds', 'gauge', `Batch latency quantiles over the last ${RESERVOIR} batches.`),
    `vgpu_runner_batch_latency_seconds{${label},quantile="0.5"} ${summary.p50Ms / 1000}`,
    `vgpu_runner_batch_latency_seconds{${label},quantile="0.99"} ${summary.p99Ms / 1000}`);
  return lines;
}

function render(state: MetricsState, lag: readonly LagSample[]): string {
  const { label } = state;
  const lines = Object.entries(COUNTERS).flatMap(([key, [name, help]]) =>
    [...familyHeader(name, 'counter', help), `${name}{${label}} ${state.counters.get(key as CounterName) ?? 0}`]);
  lines.push(...renderLatency(state), ...familyHeader('vgpu_runner_consumer_lag', 'gauge', 'Records between the committed offset and the end of each partition.'));
  for (const sample of lag) lines.push(`vgpu_runner_consumer_lag{${label},topic="${escapeLabel(sample.topic)}",partition="${sample.partition}"} ${sample.lag}`);
  return `${lines.join('\n')}\n`;
}

/** Metrics for the function `functionName` (the `function` label of every series). */
export function createRunnerMetrics(functionName: string): RunnerMetrics {
  const state: MetricsState = {
    label: `function="${escapeLabel(functionName)}"`, counters: new Map(), buckets: LATENCY_BUCKETS_SECONDS.map(() => 0), recent: [], observed: 0, sumMs: 0,
  };
  return {
    count: (name, by = 1) => { state.counters.set(name, (state.counters.get(name) ?? 0) + by); },
    value: (name) => state.counters.get(name) ?? 0,
    observeBatchMs: (ms) => {
      state.observed += 1;
      state.sumMs += ms;
      LATENCY_BUCKETS_SECONDS.forEach((le, index) => { if (ms / 1000 <= le) state.buckets[index] = (state.buckets[index] ?? 0) + 1; });
      state.recent.push(ms);
      if (state.recent.length > RESERVOIR) state.recent.shift();
    },
    latency: () => summarise(state),
    render: (lag) => render(state, lag),
  };
}
