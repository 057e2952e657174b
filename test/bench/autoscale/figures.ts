// Figures of a score, the pod split, and the table printout of bench:autoscale.
import { emptyScore, type Score } from './replay.ts';

/** The four figures the bench reports per recommender, in percent. */
export interface Figures {
  readonly recommender: string;
  readonly vramOverLimitPct: number;
  readonly computeOverLimitPct: number;
  readonly computeSlackPct: number;
  readonly vramSlackPct: number;
  readonly samples: number;
  /** Limit changes per pod-hour in the scored period (churn). */
  readonly updatesPerPodHour: number;
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 1e6) / 1e4);

/** Percent figures of `score`. */
export function figuresOf(recommender: string, score: Score): Figures {
  return {
    recommender,
    vramOverLimitPct: pct(score.vramOver, score.samples),
    computeOverLimitPct: pct(score.computeOver, score.samples),
    computeSlackPct: pct(score.computeSlack, score.samples),
    vramSlackPct: pct(score.vramSlack, score.samples),
    samples: score.samples,
    updatesPerPodHour: score.hours === 0 ? 0 : Math.round((score.updates / score.hours) * 100) / 100,
  };
}

/** Sum of scores. */
export function addScores(scores: readonly Score[]): Score {
  const total = emptyScore();
  for (const s of scores) {
    total.samples += s.samples;
    total.computeOver += s.computeOver;
    total.vramOver += s.vramOver;
    total.computeSlack += s.computeSlack;
    total.vramSlack += s.vramSlack;
    total.updates += s.updates;
    total.hours += s.hours;
  }
  return total;
}

/** FNV-1a of the pod id: half 0 is the tuning half, half 1 the holdout. Pod ids are hashes already; this keeps the split independent of their form. */
export function halfOf(pod: string): 0 | 1 {
  let hash = 0x811c9dc5;
  for (let i = 0; i < pod.length; i++) hash = Math.imul(hash ^ pod.charCodeAt(i), 0x01000193) >>> 0;
  return (hash & 1) as 0 | 1;
}

/** Whether `mine` beats `other` on all four figures (lower is better). */
export function beats(mine: Figures, other: Figures): boolean {
  return mine.vramOverLimitPct < other.vramOverLimitPct && mine.computeOverLimitPct < other.computeOverLimitPct
    && mine.computeSlackPct < other.computeSlackPct && mine.vramSlackPct < other.vramSlackPct;
}

/** One aligned table row. */
export function formatRow(f: Figures): string {
  const n = (x: number): string => x.toFixed(3).padStart(9);
  return `${f.recommender.padEnd(22)} ${n(f.vramOverLimitPct)} ${n(f.computeOverLimitPct)} ${n(f.computeSlackPct)} ${n(f.vramSlackPct)} ${String(f.samples).padStart(8)} ${f.updatesPerPodHour.toFixed(2).padStart(8)}`;
}

/** The table header. */
export const HEADER = `${'recommender'.padEnd(22)} ${'vramOver%'.padStart(9)} ${'cmpOver%'.padStart(9)} ${'cmpSlack%'.padStart(9)} ${'vramSlack%'.padStart(9)} ${'samples'.padStart(8)} ${'upd/pod-h'.padStart(8)}`;
