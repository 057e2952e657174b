// node test/bench/autoscale/tune.ts [--duty <csv[.gz]> --memory <csv[.gz]>]
// How `default`'s settings were chosen: grids over its compute and VRAM settings, scored on the TUNING
// half of the pods only (the holdout half is never looked at here). Compute and VRAM settings do not
// interact, so each grid keeps the other resource at its defaults. Selection rules, fixed up front:
//  - VRAM: least VRAM slack among settings whose VRAM over-limit samples are at most half those of the
//    better of tensorfusion and vpa (room for the holdout's own surprises).
//  - compute: tensorfusion and vpa cannot both be beaten (see the bench's notes), so beat vpa on all four with
//    room to spare and throttle as little as that allows: least over-limit share among settings whose slack is
//    at most 0.95 × vpa's.
//  - default-conservative (context row of the bench): least compute slack with over-limit samples at most
//    0.6 × tensorfusion's.
import { fileURLToPath } from 'node:url';
import { defaultConfigSchema, tensorfusionConfigSchema, vpaConfigSchema } from '../../../shared/core/autoscaling/recommender-config.ts';
import type { Recommender } from '../../../shared/core/autoscaling/recommender.ts';
import { defaultRecommender } from '../../../shared/core/autoscaling/recommenders/default.ts';
import { tensorfusion } from '../../../shared/core/autoscaling/recommenders/tensorfusion.ts';
import { vpa } from '../../../shared/core/autoscaling/recommenders/vpa.ts';
import { argument } from '../measure.ts';
import { addScores, figuresOf, halfOf, type Figures } from './figures.ts';
import { loadTrace } from './load-trace.ts';
import { replayPod } from './replay.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const data = (name: string): string => fileURLToPath(new URL(`../../../../shared/data/gentd26/${name}`, import.meta.url));
const trace = loadTrace({ duty: argument('duty') ?? data('pod_gpu_duty_cycle_anon.csv.gz'), memory: argument('memory') ?? data('pod_gpu_memory_used_bytes_anon.csv.gz') });
const tuning = [...trace].filter(([pod]) => halfOf(pod) === 0).map(([, samples]) => samples);
const options = { gpu: { vramBytes: 48 * 1024 ** 3, tflops: 149.7 }, warmUpMs: 6 * HOUR };

const score = <S>(label: string, recommender: Recommender<S>): Figures => figuresOf(label, addScores(tuning.map((s) => replayPod(recommender, s, options))));
const overCount = (f: Figures): number => Math.round((f.vramOverLimitPct * f.samples) / 100);
const ours = (settings: Record<string, number>): Figures => score(JSON.stringify(settings), defaultRecommender(defaultConfigSchema.parse(settings)));

const tf = score('tensorfusion', tensorfusion(tensorfusionConfigSchema.parse({ computeLimitNeverBelowOriginal: false })));
const vp = score('vpa', vpa(vpaConfigSchema.parse({})));
console.log(`tuning half: ${tuning.length} pods; tensorfusion ${JSON.stringify(tf)}\nvpa ${JSON.stringify(vp)}`);

const vramGrid = [2, 3, 4, 6].flatMap((hours) => [0.25, 0.3, 0.35, 0.4].flatMap((margin) => [0.85, 0.9, 1].map((whole) =>
  ours({ vramBurstWindow: hours * HOUR, vramBurstMargin: margin, vramWholeAbove: whole }))));
const allowed = Math.floor(Math.min(overCount(tf), overCount(vp)) / 2);
const vram = vramGrid.filter((f) => overCount(f) <= allowed).sort((a, b) => a.vramSlackPct - b.vramSlackPct)[0];
for (const f of vramGrid) console.log(`vram ${f.recommender}: over ${overCount(f)} samples, slack ${f.vramSlackPct}`);
console.log(`VRAM pick (over ≤ ${allowed} samples, least slack): ${vram?.recommender ?? 'none'}`);

const computeGrid = [60, 90, 120, 180, 240].flatMap((minutes) => [5, 7.5, 10, 15].flatMap((quiet) => [0, 0.25, 0.4].flatMap((share) => [0, 0.05].map((margin) =>
  ours({ computeBurstWindow: minutes * MINUTE, computeQuietAfter: quiet * MINUTE, computeQuietShare: share, computeBurstMargin: margin })))));
const compute = computeGrid.filter((f) => f.computeSlackPct <= 0.95 * vp.computeSlackPct).sort((a, b) => a.computeOverLimitPct - b.computeOverLimitPct)[0];
for (const f of computeGrid) console.log(`compute ${f.recommender}: over ${f.computeOverLimitPct} %, slack ${f.computeSlackPct} %`);
console.log(`compute pick (slack ≤ 0.95 × vpa's, least over): ${compute?.recommender ?? 'none'}`);

const conservativeGrid = [4, 6, 8].flatMap((hours) => [10, 20, 30].flatMap((quiet) => [0.5, 0.65, 0.8].flatMap((share) => [0.05, 0.1, 0.15].map((margin) =>
  ours({ computeBurstWindow: hours * HOUR, computeQuietAfter: quiet * MINUTE, computeQuietShare: share, computeBurstMargin: margin })))));
const conservative = conservativeGrid.filter((f) => f.computeOverLimitPct <= 0.6 * tf.computeOverLimitPct).sort((a, b) => a.computeSlackPct - b.computeSlackPct)[0];
for (const f of conservativeGrid) console.log(`conservative ${f.recommender}: over ${f.computeOverLimitPct} %, slack ${f.computeSlackPct} %`);
console.log(`default-conservative pick (over ≤ 0.6 × tensorfusion, least slack): ${conservative?.recommender ?? 'none'}`);

// The compute frontier both grids trace on the tuning half: settings no other setting beats on both over and slack.
const frontier = [...computeGrid, ...conservativeGrid].sort((a, b) => a.computeSlackPct - b.computeSlackPct)
  .filter((f, i, sorted) => sorted.slice(0, i).every((g) => g.computeOverLimitPct > f.computeOverLimitPct));
console.log('compute frontier (tuning half): over %, slack %, settings');
for (const f of frontier) console.log(`  ${f.computeOverLimitPct.toFixed(3).padStart(6)} ${f.computeSlackPct.toFixed(2).padStart(6)}  ${f.recommender}`);
