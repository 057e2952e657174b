// npm run bench:resolve [-- --seconds 2 --json test/bench/results/resolve.json]
// Resolutions per second on one core for a typical annotated pod with a WorkloadProfile (the seed's
// example), side by side with cheaper and costlier variants in the same run.
import { cpus } from 'node:os';
import { resolveWorkload } from '../../shared/core/admission/resolve-workload.ts';
import { annotationsSchema } from '../../shared/schemas/annotations.ts';
import { annotations, optedInPod, pool, SEED_ANNOTATIONS, seedProfile } from '../fixtures/resolve-inputs.ts';
import { argument, measure, writeJson } from './measure.ts';

const seconds = Number(argument('seconds') ?? 2);
const jsonPath = argument('json') ?? 'test/bench/results/resolve.json';

const seed = SEED_ANNOTATIONS;
const profileOfSeed = seedProfile();
const pools = [pool('default-pool', { isDefault: true }), pool('other')];
const typical = optedInPod(seed, { containers: [{ name: 'python' }] });
const bad = optedInPod({ ...seed, 'vram-request': '4GB', qos: 'urgent', 'tflops-request': '30' });
const withoutProfile: Record<string, string> = { ...seed };
delete withoutProfile['workload-profile'];
const annotationsOnly = optedInPod(withoutProfile, { containers: [{ name: 'python' }] });
const rawAnnotations = annotations(seed);

const results = [
  measure('resolve: seed pod + profile + pools (typical)', () => resolveWorkload(typical, { profile: profileOfSeed, pools }), { seconds }),
  measure('resolve: seed annotations, no profile, offline', () => resolveWorkload(annotationsOnly), { seconds }),
  measure('resolve: invalid pod (3 issues reported)', () => resolveWorkload(bad, { profile: profileOfSeed }), { seconds }),
  measure('zod annotation schema alone', () => annotationsSchema.safeParse(rawAnnotations), { seconds }),
];
const typicalRate = results[0]?.opsPerSecond ?? 0;
console.log(`bench:resolve on ${cpus()[0]?.model ?? 'cpu'} (one core, Node ${process.version})`);
for (const result of results) {
  console.log(`${result.name.padEnd(50)} ${String(result.opsPerSecond).padStart(10)} /s ${String(result.nsPerOp).padStart(7)} ns/op  x${(result.opsPerSecond / typicalRate).toFixed(2)} vs typical`);
}
const target = 200_000;
console.log(`typical: ${typicalRate} resolutions/s — target ${target}/s: ${typicalRate >= target ? 'met' : 'NOT met'}`);
writeJson(jsonPath, { bench: 'resolve', node: process.version, target, targetMet: typicalRate >= target, results });
console.log(`wrote ${jsonPath}`);
