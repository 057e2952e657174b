// npm run bench:recommend [-- --rounds <n> --seconds <n> --spikes <n> --backlog-batch <n> --metrics-compression gzip|none --json <file> --no-stack --no-latency]
// 1. Ingest: gpu.metrics samples per second one recommend-resources instance takes in, in-process, with the
//    table in memory and on dynalite (the stack's): 1,000 pods in 250 workloads on 125 nodes, one event per
//    node per 30 s interval; resizes go through the node-ledger adapter (the pods hold no booking). Records
//    are encoded as the node-agent sends them: values gzipped with content-encoding: gzip (its default;
//    `--metrics-compression none` for plain JSON), so the function pays the gunzip. Two loads:
//    - steady (live): each interval on its own, in batches of 100 records, so a workload's write carries its
//      4 pods' samples of one interval (4 samples);
//    - backlog (catch-up): the measured intervals queued at once, in full batches of serverless.yml's
//      gpu-metrics batchSize (or --backlog-batch), so a workload's one write per batch carries every interval
//      of the batch. These records (no GPU loads, short names) are smaller than a busy production node's
//      (test/serverless/metrics-batch-size.test.ts), which the batch size is sized for.
//    Also the node-agent's side: gzip µs per record and the compression ratio, for these records and a busy node's.
// 2. Spike → patch: on the stack, the time from publishing a sample over a pod's limit to the pod's
//    annotations showing the raised limit in kube-apiserver (runner process on serverless.yml's definition,
//    its batch size included, with a 20 ms batch window; Kafka, dynalite, apiserver; each pod is polled every
//    5 ms). The first spike includes the runner's warm-up.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { loadFunction } from '../../agents/function-runner/load-function.ts';
import { readEndpoints } from '../../infra/local/endpoints.ts';
import { createMemoryStateStore } from '../../shared/adapters/memory/state-store.ts';
import { busyNodeEvent } from '../fixtures/autoscaling/node-metrics-event.ts';
import { usageEvent } from '../fixtures/autoscaling/workload-pods.ts';
import { argument, writeJson } from './measure.ts';
import { dynaliteRate } from './recommend/dynalite-rate.ts';
import { encodingCost } from './recommend/encoding-cost.ts';
import { ingestRate, type IngestSettings, type Rate } from './recommend/ingest-rate.ts';
import { BATCH, createLoads, GIB, NODES, PODS_PER_NODE, PODS_PER_WORKLOAD, T0, type Load } from './recommend/loads.ts';
import { referenceStore } from './recommend/reference-store.ts';
import { spikeLatency } from './recommend/spike-latency.ts';

/** serverless.yml's gpu-metrics batch size, the backlog load's batches (`--backlog-batch` to try another). */
const DEPLOYED_BATCH = loadFunction(new URL('../../serverless.yml', import.meta.url).pathname, { functionName: 'recommend-resources' }).batchSize ?? BATCH;
const BACKLOG_BATCH = Number(argument('backlog-batch') ?? DEPLOYED_BATCH);
const seconds = Number(argument('seconds') ?? 5);
const rounds = Number(argument('rounds') ?? 16);
const spikes = Number(argument('spikes') ?? 10);
const jsonPath = argument('json') ?? 'test/bench/results/recommend.json';
/** As the node-agent sends gpu-metrics (its `--metrics-compression`, default gzip). */
const GZIP = (argument('metrics-compression') ?? 'gzip') === 'gzip';
const settings: IngestSettings = { rounds, seconds, gzip: GZIP };
const { steady, backlog } = createLoads({ gzip: GZIP, backlogBatch: BACKLOG_BATCH });

/** The commit the bench ran on, with `+dirty` for uncommitted changes. */
function gitCommit(): string {
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  return execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() === '' ? head : `${head}+dirty`;
}

const encoding = {
  benchRecord: encodingCost(usageEvent(T0, Array.from({ length: PODS_PER_NODE }, (_, slot) => ({ pod: `pod-${slot}`, computePercent: 4 + slot, vramBytes: (2 + (slot % 3)) * GIB })))),
  busyNode: encodingCost(busyNodeEvent({ pods: 8, gpus: 8 })),
};
const stack = process.argv.includes('--no-stack') ? undefined : readEndpoints();
const byLoad = {} as Record<Load['name'], { reference: Rate; memory: Rate; dynalite: (Rate & { dynamoRequests: number }) | undefined }>;
for (const load of [steady, backlog]) {
  byLoad[load.name] = {
    reference: await ingestRate(referenceStore, load, settings),
    memory: await ingestRate(() => createMemoryStateStore(), load, settings),
    dynalite: stack === undefined ? undefined : await dynaliteRate(stack.dynamodb.endpoint, load, settings),
  };
}
for (const [name, cost] of [['bench record (8 pods, no GPU loads)', encoding.benchRecord], ['busy node (8 pods on 8 GPUs, test fixture)', encoding.busyNode]] as const) {
  console.log(`node-agent gzip, ${name}: ${cost.jsonBytes.toLocaleString('en')} B JSON → ${cost.gzipBytes.toLocaleString('en')} B (${cost.ratio}×); gzip ${cost.gzipMicros} µs a record (node-agent), gunzip ${cost.gunzipMicros} µs (function); in the Lambda event ${cost.lambdaBytesPlain.toLocaleString('en')} → ${cost.lambdaBytesGzip.toLocaleString('en')} B`);
}
console.log(`ingest, records ${GZIP ? 'gzipped as the node-agent sends them (content-encoding: gzip)' : 'plain JSON (--metrics-compression none)'}, ${NODES * PODS_PER_NODE} pods in ${NODES * PODS_PER_NODE / PODS_PER_WORKLOAD} workloads on ${NODES} nodes, ${rounds} intervals a pass, ${seconds} s each, on ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); steady: batches of ${BATCH} records, each interval on its own; backlog: the ${rounds} intervals queued, batches of ${BACKLOG_BATCH}${BACKLOG_BATCH === DEPLOYED_BATCH ? ' (serverless.yml gpu-metrics)' : ` (serverless.yml says ${DEPLOYED_BATCH})`}:`);
console.log('| load | store | samples per write | samples/s wall | per CPU-second: bench process | per CPU-second: bench + dynalite | table calls per batch | cold round: table calls |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
const STORES = [['reference', 'function alone (table by reference)'], ['memory', 'memory store'], ['dynalite', 'dynalite store']] as const;
for (const load of [steady, backlog]) {
  for (const [key, name] of STORES) {
    const found = byLoad[load.name][key];
    if (found === undefined) continue;
    const cells = [found.samplesPerSecond, found.samplesPerCpuSecond, found.samplesPerCpuSecondWithServer].map((value) => value.toLocaleString('en'));
    console.log(`| ${load.name} (${load.batchRecords}) | ${name} | ${found.samplesPerWrite} | ${cells.join(' | ')} | ${found.tableCallsPerBatch.total} (${JSON.stringify(found.tableCallsPerBatch)}) | ${found.coldRoundTableCalls.total} (${JSON.stringify(found.coldRoundTableCalls)}) |`);
  }
}
console.log(`stored record of one workload (w-0, 4 pods) after ${rounds + 1} intervals: ${byLoad.steady.memory.recordBytes ?? '?'} B of JSON (data.record) steady, ${byLoad.backlog.memory.recordBytes ?? '?'} B backlog`);
for (const load of [steady, backlog]) {
  const found = byLoad[load.name].dynalite;
  if (found !== undefined) console.log(`dynalite, ${load.name}: ${found.dynamoRequests} DynamoDB requests sent in all (cold rounds included)`);
}
if (stack !== undefined) console.log(`dynalite is one single-threaded JS process sharing these ${cpus().length} cores with the bench (load average ${loadavg().map((value) => value.toFixed(1)).join(' ')})`);
const latency = stack === undefined || process.argv.includes('--no-latency') ? undefined : await spikeLatency(spikes);
if (latency !== undefined) {
  console.log(`spike → patched pod (runner on serverless.yml's recommend-resources, batch size ${DEPLOYED_BATCH}, 20 ms window; Kafka, dynalite, kube-apiserver): p50 ${latency.p50Ms} ms, p90 ${latency.p90Ms} ms, p99 ${latency.p99Ms} ms, max ${latency.maxMs} ms over ${latency.samplesMs.length} spikes`);
}
writeJson(jsonPath, {
  at: new Date().toISOString(), commit: gitCommit(), cores: cpus().length, loadAverage: loadavg(),
  metricsCompression: GZIP ? 'gzip' : 'none', encoding,
  shape: { nodes: NODES, podsPerNode: PODS_PER_NODE, podsPerWorkload: PODS_PER_WORKLOAD, intervals: rounds, steadyBatch: BATCH, backlogBatch: BACKLOG_BATCH, seconds },
  steady: byLoad.steady, backlog: byLoad.backlog, latency,
});
process.exit(0);
