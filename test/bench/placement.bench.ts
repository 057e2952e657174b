// npm run bench:placement -- [--nodes <node.csv>] [--pods <pod.csv>[,<pod.csv>|<a.csv>+<b.csv>]] [--policy <name>|all]
//   [--seeds 10] [--seed-base 42] [--workers <n>] [--json test/bench/results/placement.json]
// The FGD paper's published protocol on the openb trace (shared/data/README.md): pod lists scaled to 1.3 x
// the GPU capacity, shuffled per seed, submitted one by one; GPU allocation ratio at 100 % and 130 % of
// capacity arrived, side by side with the published numbers. `a.csv+b.csv` is a 50/50 mix of two lists.
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argument, writeJson } from './measure.ts';
import { KNOWN_POLICIES, POLICIES } from './placement/policies.ts';
import { PUBLISHED_PEER, readPublished } from './placement/published.ts';
import type { PublishedRow } from './placement/published.ts';
import type { Job, JobResult } from './placement/run-job.ts';
import { runPool } from './placement/run-pool.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DATA = resolve(REPO, '../shared/data');
const LISTS = ['default', 'gpushare40', 'multigpu30', 'gpuspec33'].map((name) => resolve(DATA, `openb/openb_pod_list_${name}.csv`));
/** BestFit and Random must land this close to the published numbers, or the harness is another experiment. */
const CALIBRATION_POINTS = 1.5;

const nodes = resolve(argument('nodes') ?? resolve(DATA, 'openb/openb_node_list_gpu_node.csv'));
const podLists = (argument('pods')?.split(',') ?? LISTS).map((spec) => spec.split('+').map((path) => resolve(path)).join('+'));
const policyArgument = argument('policy') ?? 'all';
const policies = policyArgument === 'all' ? [...POLICIES] : policyArgument.split(',');
const seeds = Number(argument('seeds') ?? 10);
const seedBase = Number(argument('seed-base') ?? 42);
const workers = Number(argument('workers') ?? availableParallelism());
const jsonPath = argument('json') ?? 'test/bench/results/placement.json';
const published = readPublished(resolve(DATA, 'anchors/fgd-published-openb.csv'));

for (const policy of policies) if (!KNOWN_POLICIES.includes(policy)) throw new Error(`unknown policy ${policy}; known: ${KNOWN_POLICIES.join(', ')}`);
const workloadOf = (spec: string): string => spec.split('+').map((path) => basename(path, '.csv')).join('+');
const jobs: Job[] = podLists.flatMap((pods) => policies.flatMap((policy) => Array.from({ length: seeds }, (_, index) => ({ nodes, pods, policy, seed: seedBase + index }))));

console.log(`bench:placement: ${jobs.length} runs (${podLists.length} lists x ${policies.length} policies x ${seeds} seeds) on ${workers} workers`);
const started = performance.now();
const results = await runPool(jobs, {
  workers,
  onResult: (result) => console.log(`  ${workloadOf(result.pods)} ${result.policy} seed ${result.seed}: ${result.allocAt100.toFixed(2)} / ${result.allocAt130.toFixed(2)} (${result.usPerDecision.toFixed(0)} us/decision)`),
});

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const rows = podLists.flatMap((pods) => policies.map((policy) => {
  const mine = results.filter((result: JobResult) => result.pods === pods && result.policy === policy);
  const workload = workloadOf(pods);
  const peer = published.find((row: PublishedRow) => row.workload === workload && row.policy === PUBLISHED_PEER[policy]);
  return {
    workload, policy, seeds: mine.length,
    allocAt100: Number(mean(mine.map((result) => result.allocAt100)).toFixed(2)),
    allocAt130: Number(mean(mine.map((result) => result.allocAt130)).toFixed(2)),
    usPerDecision: Math.round(mean(mine.map((result) => result.usPerDecision))),
    ...(peer === undefined ? {} : { published: { policy: peer.policy, allocAt100: peer.allocAt100, allocAt130: peer.allocAt130 } }),
  };
}));

const cell = (value: number | undefined, width = 8): string => (value === undefined ? '-' : value.toFixed(2)).padStart(width);
console.log(`\n${'workload'.padEnd(34)} ${'policy'.padEnd(26)} ${'@100'.padStart(8)} ${'@130'.padStart(8)}   published ${'@100'.padStart(8)} ${'@130'.padStart(8)} ${'Δ@130'.padStart(7)}`);
for (const row of rows) {
  const peer = row.published;
  const delta = peer === undefined ? '' : `${row.allocAt130 - peer.allocAt130 >= 0 ? '+' : ''}${(row.allocAt130 - peer.allocAt130).toFixed(2)}`.padStart(7);
  console.log(`${row.workload.padEnd(34)} ${row.policy.padEnd(26)} ${cell(row.allocAt100)} ${cell(row.allocAt130)}   ${(peer?.policy ?? '').padEnd(9)} ${cell(peer?.allocAt100)} ${cell(peer?.allocAt130)} ${delta}`);
}
const calibration = rows.filter((row) => (row.policy === 'best-fit' || row.policy === 'random') && row.published !== undefined)
  .map((row) => ({ workload: row.workload, policy: row.policy, gap: Number((row.allocAt130 - (row.published?.allocAt130 ?? 0)).toFixed(2)) }))
  .map((entry) => ({ ...entry, within: Math.abs(entry.gap) <= CALIBRATION_POINTS }));
const goals = rows.filter((row) => row.policy === 'default' && row.published !== undefined)
  .map((row) => ({ workload: row.workload, default: row.allocAt130, fgd: row.published?.allocAt130 ?? 0, met: row.allocAt130 >= (row.published?.allocAt130 ?? Infinity) }));
for (const entry of calibration) console.log(`calibration ${entry.workload} ${entry.policy}: ${entry.gap >= 0 ? '+' : ''}${entry.gap} vs published at 130 % (within ${CALIBRATION_POINTS}: ${entry.within ? 'yes' : 'NO'})`);
for (const goal of goals) console.log(`goal ${goal.workload}: default ${goal.default} vs FGD ${goal.fgd} at 130 % -> ${goal.met ? 'met' : 'NOT met'}`);
console.log(`took ${((performance.now() - started) / 1000).toFixed(0)} s`);
writeJson(jsonPath, { bench: 'placement', node: process.version, seeds, seedBase, results: rows, calibration, goals });
console.log(`wrote ${jsonPath}`);
