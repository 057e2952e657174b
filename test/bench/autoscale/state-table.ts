// A learned compute-limit policy for the frontier study (frontier.ts): the limit is a share r of the
// pod's 6 h compute peak, r looked up in a table keyed by what the pod did just before (samples since it
// last worked, how busy its last hour was, how high its peak is). The table is fitted on one set of pods
// (least slack + λ × over-limit samples per key) and replayed as an ordinary recommender on another.
import type { Recommender } from '../../../shared/core/autoscaling/recommender.ts';
import type { UsageSample } from '../../../shared/core/autoscaling/usage-sample.ts';

const PEAK_WINDOW_MS = 6 * 3_600_000;
/** Samples (about an hour at gentd26's 57 s) over which "how busy" is counted. */
const BUSY_SAMPLES = 60;
/** The shares r the fit chooses from. */
const SHARES = Array.from({ length: 66 }, (_, i) => i / 50);

/** Bucket edges of the three features: a value goes to the first bucket whose edge it does not pass. */
export interface Buckets {
  readonly idle: readonly number[];
  readonly busy: readonly number[];
  readonly peak: readonly number[];
}

/** The features before one sample, from the samples before it (time order, the last 6 h at least). */
export interface Features {
  readonly key: string;
  /** The compute peak of the last 6 h, percent. */
  readonly peak: number;
}

const bucketOf = (value: number, edges: readonly number[]): number => {
  let bucket = 0;
  while (bucket < edges.length && value > (edges[bucket] as number)) bucket++;
  return bucket;
};

/** Features from `history` (earlier samples, oldest first) as of `nowMs`. */
function featuresOf(history: readonly UsageSample[], nowMs: number, buckets: Buckets): Features {
  let peak = 0;
  let idle = history.length;
  let busy = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const sample = history[i] as UsageSample;
    const back = history.length - 1 - i;
    if (sample.computePercent > 0 && idle === history.length) idle = back;
    if (back < BUSY_SAMPLES && sample.computePercent > 0) busy++;
    if (sample.atMs < nowMs - PEAK_WINDOW_MS) break;
    peak = Math.max(peak, sample.computePercent);
  }
  return { key: `${bucketOf(idle, buckets.idle)},${bucketOf(busy, buckets.busy)},${bucketOf(peak, buckets.peak)}`, peak };
}

/** The limit a share gives: r × peak between the floor and the whole GPU. */
const limitOf = (share: number, peak: number, floor: number): number => Math.min(100, Math.max(floor, share * peak));

/** (features, use) of every sample of `pods` from `scoreFromMs(pod)` on. */
export function observations(pods: readonly (readonly UsageSample[])[], at: { warmUpMs: number; buckets: Buckets }): Map<string, { peak: number; use: number }[]> {
  const byKey = new Map<string, { peak: number; use: number }[]>();
  for (const samples of pods) {
    const from = (samples[0]?.atMs ?? 0) + at.warmUpMs;
    samples.forEach((sample, i) => {
      if (sample.atMs < from) return;
      const f = featuresOf(samples.slice(Math.max(0, i - 2 * BUSY_SAMPLES - 400), i), sample.atMs, at.buckets);
      const list = byKey.get(f.key) ?? [];
      list.push({ peak: f.peak, use: sample.computePercent });
      byKey.set(f.key, list);
    });
  }
  return byKey;
}

/** Per key, the share with the least slack + `lambda` × over-limit samples on `seen`. */
export function fitTable(seen: Map<string, { peak: number; use: number }[]>, at: { lambda: number; floor: number }): Map<string, number> {
  const table = new Map<string, number>();
  for (const [key, list] of seen) {
    let best = { cost: Number.POSITIVE_INFINITY, share: 1 };
    for (const share of SHARES) {
      let cost = 0;
      for (const { peak, use } of list) {
        const limit = limitOf(share, peak, at.floor);
        cost += Math.max(limit - use, 0) + (use > limit ? at.lambda : 0);
      }
      if (cost < best.cost) best = { cost, share };
    }
    table.set(key, best.share);
  }
  return table;
}

interface TableState {
  readonly history: readonly UsageSample[];
  readonly limit: number;
}

/** The fitted table as a recommender (compute only: VRAM stays at the whole GPU). Keys it never saw keep the whole peak plus 10 %. */
export function tableRecommender(table: Map<string, number>, at: { buckets: Buckets; floor: number; vramBytes: number }): Recommender<TableState> {
  return {
    name: 'state-table',
    intervalMs: 30_000,
    start: () => ({ history: [], limit: 100 }),
    step: (state, samples, nowMs) => {
      const history = [...state.history, ...samples].filter((s, i, all) => i >= all.length - 2 * BUSY_SAMPLES || s.atMs >= nowMs - PEAK_WINDOW_MS);
      const f = featuresOf(history, nowMs, at.buckets);
      const limit = limitOf(table.get(f.key) ?? 1.1, f.peak, at.floor);
      const next = { history, limit };
      if (limit === state.limit) return { state: next };
      const whole = { computePercent: limit, vramBytes: at.vramBytes };
      return { state: next, recommendation: { requests: whole, limits: whole, reason: 'state table' } };
    },
  };
}
