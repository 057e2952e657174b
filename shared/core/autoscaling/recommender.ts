import type { Recommendation, UsageSample, WorkloadBaseline } from './usage-sample.ts';

/** What one step of a recommender returns: its next state, and a recommendation when the limits should change now. */
export interface RecommenderStep<S> {
  readonly state: S;
  readonly recommendation?: Recommendation;
}

/**
 * A resource recommender, one per file (STYLE §2), in state-in/state-out form so a stateless function can
 * load the state from the table, fold a batch of samples in and store it again. Time only arrives as
 * arguments (`nowMs`, sample timestamps); a recommender never reads a clock. A returned recommendation is
 * assumed applied: the state's current values follow it, as TensorFusion's "current = last recommendation".
 */
export interface Recommender<S> {
  /** Matches the file name; shows up in logs and decisions. */
  readonly name: string;
  /** How often the live loop should call `step` (samples may arrive in between). */
  readonly intervalMs: number;
  /** State for a workload that has seen no sample yet. */
  readonly start: (workload: WorkloadBaseline) => S;
  /** Fold `samples` (in time order, all at or before `nowMs`) in and decide at `nowMs`. */
  readonly step: (state: S, samples: readonly UsageSample[], nowMs: number) => RecommenderStep<S>;
}
