// npm run bench:autoscale-frontier [-- --duty <csv[.gz]> --memory <csv[.gz]> --json <file>]
// How far the compute goal of bench:autoscale (fewer samples over the limit than both tensorfusion and vpa,
// and less slack than both) lies from what a recommender can reach on gentd26. Three studies, each scored
// exactly as bench:autoscale scores (replayPod: 6 h warm-up, the limit in force when a sample arrives):
//  1. running peak: the limit never below the highest use seen since the pod started (× 1 + margin). Its
//     over-limit samples are the records a limit that never reaches the whole GPU cannot avoid.
//  2. learned tables, two-fold: a limit table (state-table.ts) fitted on one half of the pods for a range of
//     λ (the price of one over-limit sample in slack points), replayed on the other half as a recommender.
//  3. hindsight tables: fitted and scored on the same pods with finer keys, so the table knows the answers;
//     an optimistic bound for policies on these features, not a recommender anyone could run.
import { fileURLToPath } from 'node:url';
import type { Recommender } from '../../../shared/core/autoscaling/recommender.ts';
import type { UsageSample } from '../../../shared/core/autoscaling/usage-sample.ts';
import { argument, writeJson } from '../measure.ts';
import { contenders } from './contenders.ts';
import { addScores, figuresOf, halfOf, type Figures } from './figures.ts';
import { loadTrace } from './load-trace.ts';
import { replayPod, type ReplayOptions } from './replay.ts';
import { fitTable, observations, tableRecommender, type Buckets } from './state-table.ts';

const data = (name: string): string => fileURLToPath(new URL(`../../../../shared/data/gentd26/${name}`, import.meta.url));
const trace = loadTrace({ duty: argument('duty') ?? data('pod_gpu_duty_cycle_anon.csv.gz'), memory: argument('memory') ?? data('pod_gpu_memory_used_bytes_anon.csv.gz') });
const jsonPath = argument('json') ?? 'test/bench/results/autoscale-frontier.json';
const options: ReplayOptions = { gpu: { vramBytes: 48 * 1024 ** 3, tflops: 149.7 }, warmUpMs: 6 * 3_600_000 };
/** The compute floor every recommender of the bench gets: 10 % of the original whole GPU (minComputeResourcesRatio). */
const FLOOR = 10;
const halves = [0, 1].map((half) => [...trace].filter(([pod]) => halfOf(pod) === half).map(([, samples]) => samples));
const HALF_NAMES = ['tune', 'holdout'] as const;

const figures = <S>(label: string, recommender: Recommender<S>, pods: readonly (readonly UsageSample[])[]): Figures =>
  figuresOf(label, addScores(pods.map((samples) => replayPod(recommender, samples, options))));
const point = (f: Figures) => ({ computeOverLimitPct: f.computeOverLimitPct, computeSlackPct: f.computeSlackPct });

/** The goal box on a set of pods: below both baselines on both compute figures. */
function goalBox(pods: readonly (readonly UsageSample[])[]) {
  const rows = contenders().filter((c) => c.label === 'tensorfusion' || c.label === 'vpa').map((c) => figures(c.label, c.recommender, pods));
  return { overBelow: Math.min(...rows.map((r) => r.computeOverLimitPct)), slackBelow: Math.min(...rows.map((r) => r.computeSlackPct)), baselines: rows.map((r) => ({ recommender: r.recommender, ...point(r) })) };
}
const inBox = (f: { computeOverLimitPct: number; computeSlackPct: number }, box: { overBelow: number; slackBelow: number }): boolean =>
  f.computeOverLimitPct < box.overBelow && f.computeSlackPct < box.slackBelow;

/** Study 1: the limit is the running peak since the pod started, plus `margin`. */
function runningPeak(margin: number): Recommender<{ peak: number; limit: number }> {
  return {
    name: 'running-peak', intervalMs: 30_000, start: () => ({ peak: 0, limit: 100 }),
    step: (state, samples) => {
      const peak = samples.reduce((p, s) => Math.max(p, s.computePercent), state.peak);
      const limit = Math.min(100, Math.max(FLOOR, peak * (1 + margin)));
      const whole = { computePercent: limit, vramBytes: options.gpu.vramBytes };
      return limit === state.limit ? { state: { peak, limit } } : { state: { peak, limit }, recommendation: { requests: whole, limits: whole, reason: 'running peak' } };
    },
  };
}

const COARSE: Buckets = { idle: [0, 1, 2, 4, 8, 16], busy: [0, 3, 10, 25], peak: [40, 70] };
const FINE: Buckets = { idle: [0, 1, 2, 3, 5, 8, 12, 20, 30], busy: [0, 2, 5, 10, 20, 40], peak: [20, 40, 60, 80] };
const LAMBDAS = [400, 800, 1600, 3200, 6400, 12800];

const all = [...trace.values()];
const boxes = { all: goalBox(all), tune: goalBox(halves[0] ?? []), holdout: goalBox(halves[1] ?? []) };
console.log(`bench:autoscale-frontier — ${trace.size} pods; goal box (all pods): over < ${boxes.all.overBelow} %, slack < ${boxes.all.slackBelow} %`);

const peaks = [0, 0.05, 0.15].map((margin) => ({ margin, ...point(figures('running-peak', runningPeak(margin), all)) }));
console.log('\n1. limit = running peak since start × (1 + margin), all pods: margin, over %, slack %');
for (const p of peaks) console.log(`   ${p.margin.toFixed(2)}  ${p.computeOverLimitPct.toFixed(3)}  ${p.computeSlackPct.toFixed(2)}`);

// What the tables are fitted on, gathered once (a pass over every sample), not once per λ.
const coarseSeen = [0, 1].map((half) => observations(halves[half] ?? [], { warmUpMs: options.warmUpMs, buckets: COARSE }));
const fineSeen = observations(all, { warmUpMs: options.warmUpMs, buckets: FINE });

const learned = LAMBDAS.flatMap((lambda) => [0, 1].map((fitOn) => {
  const table = fitTable(coarseSeen[fitOn] ?? new Map(), { lambda, floor: FLOOR });
  const scoredOn = 1 - fitOn;
  const f = figures('state-table', tableRecommender(table, { buckets: COARSE, floor: FLOOR, vramBytes: options.gpu.vramBytes }), halves[scoredOn] ?? []);
  const box = boxes[HALF_NAMES[scoredOn] as 'tune' | 'holdout'];
  return { lambda, fittedOn: HALF_NAMES[fitOn], scoredOn: HALF_NAMES[scoredOn], keys: table.size, ...point(f), inGoalBox: inBox(point(f), box) };
}));
console.log('\n2. learned tables (coarse keys), fitted on one half, replayed on the other: λ, fitted → scored, keys, over %, slack %, in goal box');
for (const l of learned) console.log(`   ${String(l.lambda).padStart(5)}  ${l.fittedOn} → ${l.scoredOn}  ${l.keys}  ${l.computeOverLimitPct.toFixed(3)}  ${l.computeSlackPct.toFixed(2)}  ${l.inGoalBox ? 'YES' : 'no'}`);

const hindsight = LAMBDAS.map((lambda) => {
  const table = fitTable(fineSeen, { lambda, floor: FLOOR });
  const f = figures('hindsight-table', tableRecommender(table, { buckets: FINE, floor: FLOOR, vramBytes: options.gpu.vramBytes }), all);
  return { lambda, keys: table.size, ...point(f), inGoalBox: inBox(point(f), boxes.all) };
});
console.log('\n3. hindsight tables (fine keys), fitted and scored on all pods: λ, keys, over %, slack %, in goal box');
for (const h of hindsight) console.log(`   ${String(h.lambda).padStart(5)}  ${h.keys}  ${h.computeOverLimitPct.toFixed(3)}  ${h.computeSlackPct.toFixed(2)}  ${h.inGoalBox ? 'YES' : 'no'}`);

const reached = learned.some((l) => l.inGoalBox);
console.log(`\na learned table fitted on one half reaches the goal box on the other: ${reached ? 'yes' : 'no'}`);
writeJson(jsonPath, { bench: 'autoscale-frontier', node: process.version, floorPct: FLOOR, goalBoxes: boxes, runningPeak: peaks, learned, hindsight, learnedReachesGoal: reached });
console.log(`wrote ${jsonPath}`);
