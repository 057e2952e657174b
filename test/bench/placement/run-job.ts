// One bench job: a pod list, a policy, a seed. Workers run these; inputs are read once per process.
import type { TraceFleet, TracePod } from './openb-trace.ts';
import { openbCatalogue, readFleet, readPods } from './openb-trace.ts';
import { createPolicy } from './policies.ts';
import { seededRandom } from './prng.ts';
import { allocationAt, arrivalOrder, replay } from './protocol.ts';

/** A job: the node list, the pod list (`a.csv` or a 50/50 mix `a.csv+b.csv`), the policy and the seed. */
export interface Job {
  readonly nodes: string;
  readonly pods: string;
  readonly policy: string;
  readonly seed: number;
}

/** What a job measured. */
export interface JobResult extends Job {
  readonly allocAt100: number;
  readonly allocAt130: number;
  readonly failed: number;
  readonly decisions: number;
  readonly usPerDecision: number;
}

const catalogue = openbCatalogue();
const fleets = new Map<string, TraceFleet>();
const podLists = new Map<string, TracePod[]>();

/** A 50/50 mix of two lists: each pod of each list kept with probability 1/2 (fixed seed). */
function mixPods(paths: readonly string[]): TracePod[] {
  const random = seededRandom(20_230_711);
  return paths.flatMap((path) => readPods(path, catalogue).filter(() => random() < 0.5));
}

function podsFor(spec: string): TracePod[] {
  let pods = podLists.get(spec);
  if (pods === undefined) podLists.set(spec, (pods = spec.includes('+') ? mixPods(spec.split('+')) : readPods(spec, catalogue)));
  return pods;
}

function fleetFor(path: string): TraceFleet {
  let fleet = fleets.get(path);
  if (fleet === undefined) fleets.set(path, (fleet = readFleet(path, catalogue)));
  return fleet;
}

/** Run one job: scale and shuffle the list for the seed, replay it with the policy. */
export function runJob(job: Job): JobResult {
  const fleet = fleetFor(job.nodes);
  const pods = podsFor(job.pods);
  const order = arrivalOrder(pods, { capacityMilli: fleet.capacityMilli, random: seededRandom(job.seed) });
  const strategy = createPolicy(job.policy, { requests: pods.map((pod) => pod.request), nodes: fleet.snapshot.nodes, seed: job.seed });
  const started = performance.now();
  const result = replay(fleet, order, strategy);
  const elapsed = performance.now() - started;
  return {
    ...job,
    allocAt100: allocationAt(result.curve, 100),
    allocAt130: allocationAt(result.curve, 130),
    failed: result.failed,
    decisions: result.decisions,
    usPerDecision: (elapsed * 1000) / result.decisions,
  };
}
