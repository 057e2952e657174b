// Samples per second one recommend-resources instance ingests, in-process, on a given StateStore.
import type { Context } from 'aws-lambda';
import { createRecommendHandler } from '../../../functions/recommend-resources/handler.ts';
import { recordKey } from '../../../functions/recommend-resources/workload-record.ts';
import { createMemoryCluster } from '../../../shared/adapters/memory/cluster.ts';
import { createMemoryWorkloads } from '../../../shared/adapters/memory/workloads.ts';
import { createLedgerGpuLedger } from '../../../shared/adapters/state/gpu-ledger.ts';
import { createLedgerStore } from '../../../shared/adapters/state/ledger-store.ts';
import type { StateStore } from '../../../shared/ports/state-store.ts';
import { admittedPod } from '../../fixtures/autoscaling/workload-pods.ts';
import { manualClock } from '../../fixtures/clock.ts';
import { BATCH, batchesOf, NODES, PODS_PER_NODE, PODS_PER_WORKLOAD, roundRecords, T0, type Load } from './loads.ts';
import { counting, noCalls, perBatch, total, type TableCalls } from './table-calls.ts';

/** What the command line sets: measured intervals a pass, seconds measured at least, records gzipped as the node-agent's default. */
export interface IngestSettings {
  readonly rounds: number;
  readonly seconds: number;
  readonly gzip: boolean;
}

/** The handler on `store`, its pods admitted; the first (cold) round, records gzipped when `gzip`, is run here, outside the measurement. */
async function warmHandler(store: StateStore, calls: TableCalls, gzip: boolean) {
  const clock = manualClock(T0);
  const workloads = createMemoryWorkloads();
  for (let pod = 0; pod < NODES * PODS_PER_NODE; pod++) {
    workloads.putPod(admittedPod({ name: `pod-${pod}`, workload: `w-${Math.floor(pod / PODS_PER_WORKLOAD)}`, createdMs: T0 }));
  }
  const counted = counting(store, calls);
  let ids = 0;
  const handler = createRecommendHandler({
    store: counted, ledger: createLedgerGpuLedger(createLedgerStore(counted)), cluster: createMemoryCluster(), workloads, clock, timeZone: 'UTC',
    publisher: { publish: async () => undefined }, newId: () => `00000000-0000-4000-9000-${String(++ids).padStart(12, '0')}`,
    topics: { metrics: 'gpu-metrics', decisions: 'decisions', deadLetter: 'dead-letter' }, defaultGpu: { vramBytes: 40 * 1024 ** 3, tflops: 312 }, log: () => undefined,
  });
  for (const { batch } of batchesOf(roundRecords(0, gzip), BATCH)) await handler(batch, {} as Context);
  return { clock, handler };
}

/** One pass: a cold first round (its table calls reported apart), then `rounds` measured intervals as `load` delivers them. */
async function ingestPass(store: StateStore, load: Load, options: { readonly rounds: number; readonly gzip: boolean; readonly serverCpuSeconds: () => number }) {
  const { serverCpuSeconds } = options;
  const calls = noCalls();
  const { clock, handler } = await warmHandler(store, calls, options.gzip);
  const coldRound = { ...calls, total: total(calls) };
  Object.assign(calls, noCalls());
  let elapsedMs = 0;
  let cpuMicros = 0;
  let serverMicros = 0;
  const schedule = load.schedule(options.rounds);
  for (const { atMs, batch } of schedule) {
    clock.set(atMs);
    // The server's CPU is read outside the timed window, so reading it is not counted as the function's work.
    const server = serverCpuSeconds();
    const started = performance.now();
    const cpu = process.cpuUsage();
    await handler(batch, {} as Context);
    const used = process.cpuUsage(cpu);
    elapsedMs += performance.now() - started;
    cpuMicros += used.user + used.system;
    serverMicros += (serverCpuSeconds() - server) * 1e6;
  }
  const stored = await store.get(recordKey({ clusterId: 'prod-eu-1', namespace: 'ml', workload: 'w-0' }));
  const recordJson = stored?.data['record'];
  return { elapsedMs, cpuMicros, serverMicros, calls, coldRound, batches: schedule.length, recordBytes: typeof recordJson === 'string' ? Buffer.byteLength(recordJson) : undefined };
}

/**
 * Samples per second the handler ingests with a table from `newStore`: passes of the same `rounds`
 * intervals on a fresh table, repeated until `seconds` have been measured (one pass at least), so every
 * store does the same work whatever its speed. `serverCpuSeconds` reads the CPU the table's server has used (none by default).
 */
export async function ingestRate(newStore: () => StateStore | Promise<StateStore>, load: Load, settings: IngestSettings & { readonly serverCpuSeconds?: () => number }) {
  const { rounds, seconds, gzip, serverCpuSeconds = () => 0 } = settings;
  const sum = { elapsedMs: 0, cpuMicros: 0, serverMicros: 0, passes: 0, batches: 0, calls: noCalls() };
  let coldRound = { ...noCalls(), total: 0 };
  let recordBytes: number | undefined;
  while (sum.passes === 0 || sum.elapsedMs < seconds * 1000) {
    const pass = await ingestPass(await newStore(), load, { rounds, gzip, serverCpuSeconds });
    sum.elapsedMs += pass.elapsedMs;
    sum.batches += pass.batches;
    sum.cpuMicros += pass.cpuMicros;
    sum.serverMicros += pass.serverMicros;
    sum.passes += 1;
    for (const kind of Object.keys(sum.calls) as (keyof TableCalls)[]) sum.calls[kind] += pass.calls[kind];
    coldRound = pass.coldRound;
    recordBytes = pass.recordBytes;
  }
  const samples = sum.passes * rounds * NODES * PODS_PER_NODE;
  const { batches } = sum;
  return {
    load: load.name, batchRecords: load.batchRecords, samplesPerWrite: Math.round((samples / sum.calls.put) * 10) / 10,
    samplesPerSecond: Math.round((samples / sum.elapsedMs) * 1000), samplesPerCpuSecond: Math.round((samples / sum.cpuMicros) * 1e6),
    samplesPerCpuSecondWithServer: Math.round((samples / (sum.cpuMicros + sum.serverMicros)) * 1e6), samples, passes: sum.passes, batches, wallSeconds: Math.round(sum.elapsedMs) / 1000,
    tableCallsPerBatch: { ...perBatch(sum.calls, batches), total: Math.round((total(sum.calls) / batches) * 100) / 100 }, coldRoundTableCalls: coldRound, recordBytes,
  };
}

/** One store's figures from {@link ingestRate}. */
export type Rate = Awaited<ReturnType<typeof ingestRate>>;
