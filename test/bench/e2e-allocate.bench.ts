// npm run bench:e2e [-- --pods 150 --rate 10 --batch-window-ms 20 --json test/bench/results/e2e-allocate.json]
// End to end on the real stack (reuses the running one, VGPU_STACK_DIR): pod created → admission webhook
// (HTTPS, in this process) → gated pod → cluster-agent → Kafka → function runner → allocate-gpus → dynalite
// ledger → pod patched (gate removed). Per pod, latency = from just before the create request to the watch
// event showing the gate gone. Two phases on one 8-GPU node (1 TFLOPS + 1 GiB per pod: 320 fit by VRAM, but a
// node takes at most 256 workers, TensorFusion's maxWorkerPerNode, so warm-up + both phases stay under that):
// - steady: `--rate` pods/s open loop for `--pods`/2 pods: p50/p99 at that load;
// - burst: `--pods` pods, 16 create requests in flight: the sustained pods/s from first create to last ungate.
import * as k8s from '@kubernetes/client-node';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { readEndpoints } from '../../infra/local/endpoints.ts';
import { ALLOCATION_GATE } from '../../shared/core/admission/mutate-pod.ts';
import { startAllocatorE2e, type AllocatorE2e } from '../fixtures/allocator-e2e.ts';
import { waitFor } from '../fixtures/handlers/harness.ts';
import { argument, quantile, round, writeJson } from './measure.ts';
import { concurrently } from '../../shared/adapters/concurrently.ts';

const pods = Number(argument('pods') ?? 150);
const rate = Number(argument('rate') ?? 10);
const batchWindowMs = Number(argument('batch-window-ms') ?? 20);
const jsonPath = argument('json') ?? 'test/bench/results/e2e-allocate.json';
const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;
const tenths = (value: number): number => round(value, 1);

const podBody = (name: string): k8s.V1Pod => ({
  metadata: { name, labels: { [tf('enabled')]: 'true' }, annotations: { [tf('tflops-request')]: '1', [tf('vram-request')]: '1Gi', [tf('gpupool')]: 'default-pool' } },
  spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] },
});

/** When each pod was first seen without the allocation gate, from a watch on the namespace. */
async function watchUngated(e2e: AllocatorE2e): Promise<{ ungatedAt: Map<string, number>; stop: () => void }> {
  const ungatedAt = new Map<string, number>();
  const controller = await new k8s.Watch(e2e.config).watch(`/api/v1/namespaces/${e2e.namespace}/pods`, {}, (_type: string, pod: k8s.V1Pod) => {
    const name = pod.metadata?.name ?? '';
    const gated = pod.spec?.schedulingGates?.some((gate) => gate.name === ALLOCATION_GATE) === true;
    if (!gated && pod.metadata?.annotations?.[tf('allocated-node')] !== undefined && !ungatedAt.has(name)) ungatedAt.set(name, performance.now());
  }, () => undefined);
  return { ungatedAt, stop: () => controller.abort() };
}

/** Create `names` (each timed), `inFlight` at a time, or one every `1000 / perSecond` ms. */
async function createPods(e2e: AllocatorE2e, names: readonly string[], pace: { readonly inFlight?: number; readonly perSecond?: number }): Promise<{ createdAt: Map<string, number>; lastCreatedAt: number }> {
  const createdAt = new Map<string, number>();
  let lastCreatedAt = 0;
  const create = async (name: string) => {
    createdAt.set(name, performance.now());
    await e2e.core.createNamespacedPod({ namespace: e2e.namespace, body: podBody(name) });
    lastCreatedAt = performance.now();
  };
  if (pace.perSecond !== undefined) {
    const start = performance.now();
    const pending: Promise<void>[] = [];
    for (const [index, name] of names.entries()) {
      await sleep(Math.max(0, start + (index * 1000) / pace.perSecond - performance.now()));
      pending.push(create(name));
    }
    await Promise.all(pending);
  } else {
    await concurrently(names, pace.inFlight ?? 16, create);
  }
  return { createdAt, lastCreatedAt };
}

function summary(created: { readonly createdAt: ReadonlyMap<string, number>; readonly lastCreatedAt: number }, ungatedAt: ReadonlyMap<string, number>) {
  const { createdAt } = created;
  const latencies = [...createdAt].map(([name, at]) => (ungatedAt.get(name) ?? Number.NaN) - at).sort((a, b) => a - b);
  const first = Math.min(...createdAt.values());
  const last = Math.max(...[...createdAt.keys()].map((name) => ungatedAt.get(name) ?? 0));
  return {
    pods: createdAt.size, podsPerSecond: tenths((createdAt.size / (last - first)) * 1000), wallSeconds: tenths((last - first) / 1000),
    // How fast the API server (with the webhook) accepted the pods: the ceiling the allocator is fed at.
    createdPerSecond: tenths((createdAt.size / (created.lastCreatedAt - first)) * 1000),
    p50Ms: tenths(quantile(latencies, 0.5)), p90Ms: tenths(quantile(latencies, 0.9)), p99Ms: tenths(quantile(latencies, 0.99)), maxMs: tenths(latencies.at(-1) ?? 0),
  };
}

async function phase(e2e: AllocatorE2e, options: { readonly prefix: string; readonly count: number; readonly inFlight?: number; readonly perSecond?: number }) {
  const watch = await watchUngated(e2e);
  try {
    const names = Array.from({ length: options.count }, (_, index) => `${options.prefix}-${index}`);
    const created = await createPods(e2e, names, options);
    await waitFor(`${options.count} ${options.prefix} pods ungated`, () => names.every((name) => watch.ungatedAt.has(name)), 120_000);
    return summary(created, watch.ungatedAt);
  } finally {
    watch.stop();
  }
}

const stack = readEndpoints();
if (stack === undefined) throw new Error('the local stack is not up: start it with `npm run stack -- up` (or set VGPU_STACK_DIR)');
const e2e = await startAllocatorE2e(stack, { gpus: 8, batchWindowMs });
try {
  const runner = e2e.startRunner();
  await phase(e2e, { prefix: 'warm', count: 5, inFlight: 5 });
  const steady = await phase(e2e, { prefix: 'steady', count: Math.floor(pods / 2), perSecond: rate });
  console.log(`steady ${rate} pods/s offered: ${JSON.stringify(steady)}`);
  const burst = await phase(e2e, { prefix: 'burst', count: pods, inFlight: 16 });
  console.log(`burst, 16 creates in flight: ${JSON.stringify(burst)}`);
  runner.child.kill('SIGTERM');
  await runner.exited;
  writeJson(jsonPath, {
    bench: 'e2e-allocate', at: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown' }, node: process.version,
    path: 'create → webhook → gated pod → cluster-agent → Kafka → runner → allocate-gpus → dynalite → pod patched (gate removed)',
    runnerBatchWindowMs: batchWindowMs, steady: { offeredPodsPerSecond: rate, ...steady }, burst: { inFlightCreates: 16, ...burst },
  });
  console.log(`wrote ${jsonPath}`);
} finally {
  await e2e.stop();
}
