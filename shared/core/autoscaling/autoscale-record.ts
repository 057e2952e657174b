import { decodeDefaultState, encodeDefaultState, type StoredDefaultState } from './default-state-codec.ts';
import type { DefaultConfig } from './recommender-config.ts';
import { defaultRecommender } from './recommenders/default.ts';
import type { ReplicaMemory } from './replica-memory.ts';
import type { ComputeVram, Recommendation, UsageSample, WorkloadBaseline } from './usage-sample.ts';

/** One workload's sample of one interval, from one of its pods: the peaks, and the mean compute share. */
export interface PodSample extends UsageSample {
  readonly pod: string;
  readonly computeMeanPercent: number;
}

/**
 * What the table keeps per workload between metrics events (one item, one write per batch): the
 * recommender's state, samples waiting for the next evaluation, a per-pod watermark that makes a
 * redelivered event harmless, the latest recommendation (the workload's status) and replica memory.
 */
export interface AutoscaleRecord {
  readonly state: StoredDefaultState;
  /** Samples folded in at the next evaluation (at most one evaluation per `interval`, unless a spike). */
  readonly pending: readonly UsageSample[];
  /** Pod name → end of the last interval taken from it: the idempotency key of a sample is (pod, interval end). */
  readonly watermarks: Readonly<Record<string, number>>;
  readonly lastEvaluatedMs: number;
  readonly recommendation?: Recommendation & { readonly atMs: number };
  readonly replicas: ReplicaMemory;
}

/** What one batch did to a workload's record. */
export interface AutoscaleStep {
  /** Its `lastEvaluatedMs` is the step's `nowMs` when the recommender ran (interval due, or a spike). */
  readonly record: AutoscaleRecord;
  /** A fresh sample went over the live limit: evaluated at once, not at the next interval. */
  readonly spiked: boolean;
  /** The batch's samples not seen before (after the per-pod watermarks). */
  readonly fresh: readonly PodSample[];
}

/** What a step needs besides the record. */
export interface AutoscaleInput {
  readonly samples: readonly PodSample[];
  readonly baseline: WorkloadBaseline;
  readonly config: DefaultConfig;
  readonly nowMs: number;
  /** The limits the pods run with now: a sample above them is a spike. */
  readonly limits: ComputeVram;
}

/** Pending samples beyond this many force an evaluation, so the item stays small whatever the cadence. */
export const MAX_PENDING_SAMPLES = 256;

/** A record for a workload seen for the first time. */
export function startRecord(baseline: WorkloadBaseline, config: DefaultConfig): AutoscaleRecord {
  const state = encodeDefaultState(defaultRecommender(config).start(baseline));
  return { state, pending: [], watermarks: {}, lastEvaluatedMs: Number.MIN_SAFE_INTEGER, replicas: { points: [] } };
}

/** Samples newer than their pod's watermark (clamped to `nowMs`), and the watermarks moved past them. */
function freshSamples(record: AutoscaleRecord, input: AutoscaleInput): { fresh: PodSample[]; watermarks: Record<string, number> } {
  const watermarks: Record<string, number> = {};
  const horizon = input.nowMs - input.config.historyDataPeriod;
  for (const [pod, atMs] of Object.entries(record.watermarks)) if (atMs >= horizon) watermarks[pod] = atMs;
  const fresh: PodSample[] = [];
  for (const sample of [...input.samples].sort((a, b) => a.atMs - b.atMs)) {
    const atMs = Math.min(sample.atMs, input.nowMs);
    if (atMs <= (watermarks[sample.pod] ?? Number.NEGATIVE_INFINITY)) continue;
    watermarks[sample.pod] = atMs;
    fresh.push({ ...sample, atMs });
  }
  return { fresh, watermarks };
}

const toUsage = (sample: PodSample): UsageSample => ({ atMs: sample.atMs, computePercent: sample.computePercent, vramBytes: sample.vramBytes });

/**
 * Fold a batch's samples of one workload into its record. The recommender runs once per `interval`
 * (TensorFusion's cadence, reference §5.1) on everything pending, or at once when a sample went over the
 * live limit (the event-triggered path); otherwise the samples wait in the record.
 */
export function stepAutoscale(previous: AutoscaleRecord | undefined, input: AutoscaleInput): AutoscaleStep {
  const record = previous ?? startRecord(input.baseline, input.config);
  const { fresh, watermarks } = freshSamples(record, input);
  const spiked = fresh.some((sample) => sample.computePercent > input.limits.computePercent || sample.vramBytes > input.limits.vramBytes);
  const pending = [...record.pending, ...fresh.map(toUsage)].sort((a, b) => a.atMs - b.atMs);
  const due = input.nowMs - record.lastEvaluatedMs >= input.config.interval || pending.length >= MAX_PENDING_SAMPLES;
  if (pending.length === 0 || (!spiked && !due)) return { record: { ...record, pending, watermarks }, spiked, fresh };
  const step = defaultRecommender(input.config).step(decodeDefaultState(record.state), pending, input.nowMs);
  const evaluated = { ...record, state: encodeDefaultState(step.state), pending: [], watermarks, lastEvaluatedMs: input.nowMs };
  if (step.recommendation === undefined) return { record: evaluated, spiked, fresh };
  return { record: { ...evaluated, recommendation: { ...step.recommendation, atMs: input.nowMs } }, spiked, fresh };
}

/** The values the recommender stands by now (its last recommendation, else the spec's). */
export const recommendedOf = (record: AutoscaleRecord) => record.state.current;
