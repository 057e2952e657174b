// Replays one pod's usage through a recommender the way the live loop would run it, and scores every
// sample after the warm-up against the limits in force when it arrived.
import type { Recommender } from '../../../shared/core/autoscaling/recommender.ts';
import type { ComputeVram, UsageSample, WorkloadBaseline } from '../../../shared/core/autoscaling/usage-sample.ts';

/** Sums over scored samples; figures are derived by `figuresOf`. */
export interface Score {
  samples: number;
  computeOver: number;
  vramOver: number;
  /** Sums of max(limit − use, 0) as a share of the GPU. */
  computeSlack: number;
  vramSlack: number;
  /** Recommendations applied in the scored period, and that period's length in hours (for churn). */
  updates: number;
  hours: number;
}

/** How a replay runs. */
export interface ReplayOptions {
  readonly gpu: { readonly vramBytes: number; readonly tflops: number };
  readonly warmUpMs: number;
  /** Accumulates the wall time spent inside `step`, when given. */
  readonly timing?: { ms: number; samples: number };
}

/** An empty score. */
export const emptyScore = (): Score => ({ samples: 0, computeOver: 0, vramOver: 0, computeSlack: 0, vramSlack: 0, updates: 0, hours: 0 });

/** The workload every pod of the trace is taken to be: it asked for the whole GPU (request = limit), QoS medium. */
export function baselineOf(samples: readonly UsageSample[], gpu: ReplayOptions['gpu']): WorkloadBaseline {
  const whole = { computePercent: 100, vramBytes: gpu.vramBytes };
  return { original: { requests: whole, limits: whole }, qos: 'medium', gpu, createdMs: samples[0]?.atMs ?? 0 };
}

/** Add one sample's figures against `limits` (capped at the GPU) to `score`. */
export function scoreSample(score: Score, sample: UsageSample, context: { limits: ComputeVram; gpu: ReplayOptions['gpu'] }): void {
  const compute = Math.min(context.limits.computePercent, 100);
  const vram = Math.min(context.limits.vramBytes, context.gpu.vramBytes);
  score.samples++;
  if (sample.computePercent > compute) score.computeOver++;
  if (sample.vramBytes > vram) score.vramOver++;
  score.computeSlack += Math.max(compute - sample.computePercent, 0) / 100;
  score.vramSlack += Math.max(vram - sample.vramBytes, 0) / context.gpu.vramBytes;
}

/**
 * Replay `samples` (one pod, time order) through `recommender`. The loop ticks every `intervalMs` on the
 * epoch grid; before each sample, the last tick since the previous sample (if any) runs `step` with the
 * samples that arrived since the last step, so a recommender sees each sample before the next one arrives
 * whenever its interval allows. A recommendation takes effect at once (in place, reference §5.7).
 */
export function replayPod<S>(recommender: Recommender<S>, samples: readonly UsageSample[], options: ReplayOptions): Score {
  const score = emptyScore();
  const baseline = baselineOf(samples, options.gpu);
  let state = recommender.start(baseline);
  let limits = baseline.original.limits;
  let pending = 0;
  const scoreFrom = baseline.createdMs + options.warmUpMs;
  const interval = recommender.intervalMs;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as UsageSample;
    const previous = samples[i - 1];
    const tick = Math.floor((sample.atMs - 1) / interval) * interval;
    if (previous !== undefined && tick >= previous.atMs) {
      const started = options.timing === undefined ? 0 : performance.now();
      const result = recommender.step(state, samples.slice(pending, i), tick);
      if (options.timing !== undefined) { options.timing.ms += performance.now() - started; options.timing.samples += i - pending; }
      state = result.state;
      if (result.recommendation !== undefined) {
        limits = result.recommendation.limits;
        if (tick >= scoreFrom) score.updates++;
      }
      pending = i;
    }
    if (sample.atMs >= scoreFrom) scoreSample(score, sample, { limits, gpu: options.gpu });
  }
  score.hours = Math.max((samples.at(-1)?.atMs ?? 0) - scoreFrom, 0) / 3_600_000;
  return score;
}

/** The oracle: every sample's limits are the peaks of the coming `horizonMs` (the sample included). */
export function replayOracle(samples: readonly UsageSample[], options: ReplayOptions & { horizonMs: number }): Score {
  const score = emptyScore();
  const scoreFrom = (samples[0]?.atMs ?? 0) + options.warmUpMs;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as UsageSample;
    if (sample.atMs < scoreFrom) continue;
    let computePercent = 0;
    let vramBytes = 0;
    for (let j = i; j < samples.length && (samples[j] as UsageSample).atMs < sample.atMs + options.horizonMs; j++) {
      computePercent = Math.max(computePercent, (samples[j] as UsageSample).computePercent);
      vramBytes = Math.max(vramBytes, (samples[j] as UsageSample).vramBytes);
    }
    scoreSample(score, sample, { limits: { computePercent, vramBytes }, gpu: options.gpu });
  }
  return score;
}
