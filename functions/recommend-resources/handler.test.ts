import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { toLambdaKafkaEvent } from '../../shared/adapters/kafka/lambda-event.ts';
import type { AutoscaleRecord } from '../../shared/core/autoscaling/autoscale-record.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { StateStore } from '../../shared/ports/state-store.ts';
import type { DecisionEvent } from '../../shared/schemas/events/decisions.ts';
import { profileWith } from '../../test/fixtures/builders.ts';
import { allocationWith, booked, ledgerWith } from '../../test/fixtures/ledger.ts';
import { recommendHarness } from '../../test/fixtures/autoscaling/recommend-harness.ts';
import { admittedPod, usageEvent } from '../../test/fixtures/autoscaling/workload-pods.ts';
import { createRecommendHandler } from './handler.ts';
import { createRecordCache, recordKey } from './workload-record.ts';

const GIB = 1024 ** 3;
const T0 = Date.parse('2025-01-31T12:00:00Z');
type ScalingAppliedEvent = Extract<DecisionEvent, { type: 'scaling.applied' }>;
const annotation = (key: string) => `tensor-fusion.ai/${key}`;
const decisions = (harness: ReturnType<typeof recommendHarness>) =>
  harness.published.filter((sent) => sent.topic === 'decisions').map((sent) => sent.event as ScalingAppliedEvent);

/** A harness with pod llm-0 admitted (20/40 TFLOPS, 4Gi/8Gi on an A100) and, when given, a profile `p`. */
function withPod(options: { annotations?: Record<string, string | null>; profile?: Parameters<typeof profileWith>[0] } = {}) {
  const harness = recommendHarness();
  const profiled = options.profile === undefined ? {} : { [annotation('workload-profile')]: 'p' };
  harness.workloads.putPod(admittedPod({ createdMs: T0, annotations: { ...profiled, ...options.annotations } }));
  if (options.profile !== undefined) harness.cluster.putProfile(profileWith(options.profile, { name: 'p', namespace: 'ml' }));
  return harness;
}

const quiet = (pod = 'llm-0') => ({ pod, computePercent: 5, vramBytes: 2 * GIB });
/** `event` as a one-record Lambda batch at `offset`, for a second instance of the handler. */
const lambdaOf = (event: ReturnType<typeof usageEvent>, offset: number) =>
  toLambdaKafkaEvent([{ topic: 'gpu-metrics', partition: 1, offset: String(offset), timestamp: '0', key: 'k', value: JSON.stringify(event), headers: {} }], { eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9092' });

describe('Function: recommend-resources', () => {
  it('keeps one record per workload and writes it once per batch, however many samples the batch holds', async () => {
    const harness = withPod();
    harness.workloads.putPod(admittedPod({ name: 'llm-1', createdMs: T0 }));
    const events = [1, 2, 3].map((n) => usageEvent(T0 - 90_000 + n * 30_000, [quiet('llm-0'), quiet('llm-1')], { id: n }));
    await expect(harness.send(events)).resolves.toEqual({ batchItemFailures: [] });
    const first = await harness.record();
    expect(first?.version).toBe(1);
    expect(first?.record.watermarks).toEqual({ 'llm-0': T0, 'llm-1': T0 });
    harness.clock.set(T0 + 30_000);
    await harness.send([usageEvent(T0 + 30_000, [quiet()], { id: 4 })], 3);
    expect((await harness.record())?.version).toBe(2);
  });

  it('a backlog batch of many intervals: one write per workload, redelivered intervals dropped, a spike among them evaluated at once', async () => {
    const harness = withPod();
    harness.workloads.putPod(admittedPod({ name: 'llm-1', createdMs: T0 }));
    let puts = 0;
    Object.assign(harness.deps, { store: { ...harness.store, put: (...args: Parameters<StateStore['put']>) => { puts += 1; return harness.store.put(...args); } } });
    const interval = (endMs: number, id: number, llm0 = quiet()) => usageEvent(endMs, [llm0, quiet('llm-1')], { id, intervalMs: 5_000 });
    await harness.send([interval(T0 - 30_000, 1), interval(T0, 2)]);
    harness.clock.set(T0 + 20_000);
    await harness.send([interval(T0 - 30_000, 1), interval(T0, 2), interval(T0 + 10_000, 3), interval(T0 + 20_000, 4)]);
    const caughtUp = await harness.record();
    expect({ puts, version: caughtUp?.version, pending: caughtUp?.record.pending.length, evaluatedAt: caughtUp?.record.lastEvaluatedMs })
      .toEqual({ puts: 2, version: 2, pending: 4, evaluatedAt: T0 });
    harness.clock.set(T0 + 25_000);
    await harness.send([interval(T0 + 20_000, 4), interval(T0 + 22_000, 5, { pod: 'llm-0', computePercent: 30, vramBytes: 2 * GIB }), interval(T0 + 25_000, 6)], 4);
    const spiked = await harness.record();
    expect({ puts, version: spiked?.version, pending: spiked?.record.pending.length, evaluatedAt: spiked?.record.lastEvaluatedMs, watermarks: spiked?.record.watermarks })
      .toEqual({ puts: 3, version: 3, pending: 0, evaluatedAt: T0 + 25_000, watermarks: { 'llm-0': T0 + 25_000, 'llm-1': T0 + 25_000 } });
    expect(Number(harness.workloads.pod('ml', 'llm-0')?.pod.metadata.annotations?.[annotation('tflops-limit')])).toBeGreaterThan(0.3 * 312);
  });

  it('evaluates at most once per interval: samples in between wait in the record', async () => {
    const harness = withPod();
    await harness.send([usageEvent(T0, [quiet()])]);
    const evaluatedAt = (await harness.record())?.record.lastEvaluatedMs;
    harness.clock.set(T0 + 10_000);
    await harness.send([usageEvent(T0 + 10_000, [quiet()], { id: 2 })], 1);
    const { record } = (await harness.record()) ?? {};
    expect(record?.lastEvaluatedMs).toBe(evaluatedAt);
    expect(record?.pending).toHaveLength(1);
  });

  it('a sample over the current limit is evaluated at once and raises the pod limit, within the interval and the initial delay', async () => {
    const harness = withPod();
    await harness.send([usageEvent(T0, [quiet()])]);
    harness.clock.set(T0 + 5_000);
    await harness.send([usageEvent(T0 + 5_000, [{ pod: 'llm-0', computePercent: 30, vramBytes: 2 * GIB }], { id: 2 })], 1);
    const annotations = harness.workloads.pod('ml', 'llm-0')?.pod.metadata.annotations ?? {};
    expect(Number(annotations[annotation('tflops-limit')])).toBeGreaterThan(0.3 * 312);
    expect(annotations[annotation('tflops-request')]).toBe('20');
    expect(annotations[annotation('vram-limit')]).toBe('8Gi');
    const [applied] = decisions(harness);
    expect(applied?.data).toMatchObject({ pool: 'default', namespace: 'ml', workload: 'llm', pod: 'llm-0', reason: 'usage went over the limit' });
    expect(applied?.data.changes).toEqual([{ field: 'tflopsLimitMilli', from: 40_000, to: Number(annotations[annotation('tflops-limit')]) * 1000 }]);
  });

  it('a redelivered event changes nothing: samples are keyed by pod and interval end', async () => {
    const harness = withPod();
    const event = usageEvent(T0, [quiet()]);
    await harness.send([event]);
    const before = (await harness.record())?.record;
    harness.clock.set(T0 + 60_000);
    await harness.send([event]);
    const after = await harness.record();
    expect(after?.record).toEqual(before);
    expect(after?.version).toBe(1);
  });

  it.each([
    { name: 'auto-resources off: recommended and recorded, never applied', annotations: { [annotation('auto-resources')]: 'false' } },
    {
      name: 'dedicated GPU: never resized',
      annotations: {
        [annotation('dedicated-gpu')]: 'true', [annotation('tflops-request')]: null, [annotation('tflops-limit')]: null,
        [annotation('vram-request')]: null, [annotation('vram-limit')]: null, [annotation('gpu-model')]: 'A100_SXM_80G',
      },
    },
  ])('$name', async ({ annotations }) => {
    const harness = withPod({ annotations });
    await harness.send([usageEvent(T0, [{ pod: 'llm-0', computePercent: 99, vramBytes: 39 * GIB }])]);
    expect(harness.workloads.patches).toEqual([]);
    expect(decisions(harness)).toEqual([]);
    expect((await harness.record())?.record.lastEvaluatedMs).toBe(T0);
  });

  it('autoscale-target vram moves the VRAM keys only', async () => {
    const harness = withPod({ annotations: { [annotation('autoscale-target')]: 'vram' } });
    await harness.send([usageEvent(T0, [{ pod: 'llm-0', computePercent: 90, vramBytes: 12 * GIB }])]);
    const [patch] = harness.workloads.patches;
    expect(patch?.annotations[annotation('tflops-limit')]).toBe('40');
    expect(Number.parseFloat(String(patch?.annotations[annotation('vram-limit')]))).toBeGreaterThan(12);
    expect(decisions(harness)[0]?.data.changes.map((change) => change.field)).toEqual(['vramLimitBytes']);
  });

  it.each([
    { name: 'current field names', settings: { targetComputePercentile: '0.2' } },
    { name: 'the seed\'s v1 field names, mapped to the current ones', settings: { targettflopspercentile: '0.2' } },
  ])('skips pods that are gone or not ours, and workloads whose settings are invalid (logged, not retried): $name', async ({ settings }) => {
    const harness = withPod({ profile: { autoScalingConfig: { autoSetResources: settings } } });
    harness.workloads.putPod({ ...admittedPod({ name: 'plain' }), pod: { metadata: { name: 'plain', namespace: 'ml' } } });
    const response = await harness.send([usageEvent(T0, [quiet(), quiet('plain'), quiet('gone')])]);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await harness.record()).toBeUndefined();
    expect(harness.logs.map((line) => [line.message, line.fields['issues']])).toEqual([[
      'workload skipped: invalid autoscaling settings',
      ['autoScalingConfig.autoSetResources.targetComputePercentile must lie between its lower-bound and upper-bound percentiles, got 0.2'],
    ]]);
  });

  it('a lost race re-reads the record and decides again; a broken table hands the records back for retry', async () => {
    const harness = withPod();
    let conflicts = 1;
    const racing: StateStore = { ...harness.store, put: async (item, options) => {
      if (conflicts-- > 0) throw new AppError('VERSION_CONFLICT', 'raced');
      return harness.store.put(item, options);
    } };
    Object.assign(harness.deps, { store: racing });
    await expect(harness.send([usageEvent(T0, [quiet()])])).resolves.toEqual({ batchItemFailures: [] });
    conflicts = 99;
    harness.clock.set(T0 + 30_000);
    await expect(harness.send([usageEvent(T0 + 30_000, [quiet()], { id: 2 })], 7)).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: { partition: 'gpu-metrics-0', offset: 7 } }] });
    expect(harness.logs.at(-1)).toMatchObject({ level: 'error', fields: { code: 'VERSION_CONFLICT' } });
  });

  it('two instances on one workload: a stale cached record costs one lost race, then a read; nothing is lost', async () => {
    const harness = withPod();
    const other = createRecommendHandler(harness.deps);
    const lambda = (n: number) => toLambdaKafkaEvent([{ topic: 'gpu-metrics', partition: 1, offset: String(n), timestamp: '0', key: 'k', value: JSON.stringify(usageEvent(T0 + n * 30_000, [quiet()], { id: n + 1 })), headers: {} }], { eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9092' });
    await harness.send([usageEvent(T0, [quiet()])]);
    harness.clock.set(T0 + 30_000);
    await other(lambda(1), {} as Context);
    harness.clock.set(T0 + 60_000);
    await expect(harness.send([usageEvent(T0 + 60_000, [quiet()], { id: 3 })], 2)).resolves.toEqual({ batchItemFailures: [] });
    const stored = await harness.record();
    expect(stored?.version).toBe(3);
    expect(stored?.record.lastEvaluatedMs).toBe(T0 + 60_000);
    harness.clock.set(T0 + 70_000);
    await other(lambda(1), {} as Context);
    expect((await harness.record())?.version).toBe(3);
  });

  it('a cold instance reads its batch\'s records in one getMany, a warm one none; a failed batch read falls back to one read each', async () => {
    const harness = withPod();
    harness.workloads.putPod(admittedPod({ name: 'other-0', workload: 'other', createdMs: T0 }));
    const calls = { get: 0, getMany: [] as number[], failMany: false };
    const counting: StateStore = {
      ...harness.store,
      get: (key) => { calls.get += 1; return harness.store.get(key); },
      getMany: (keys) => { calls.getMany.push(keys.length); return calls.failMany ? Promise.reject(new AppError('THROTTLED', 'slow down')) : harness.store.getMany(keys); },
    };
    Object.assign(harness.deps, { store: counting });
    const both = (n: number) => usageEvent(T0 + n * 30_000, [quiet(), quiet('other-0')], { id: n + 1 });
    await expect(harness.send([both(0)])).resolves.toEqual({ batchItemFailures: [] });
    harness.clock.set(T0 + 30_000);
    await expect(harness.send([both(1)], 1)).resolves.toEqual({ batchItemFailures: [] });
    expect(calls).toEqual({ get: 0, getMany: [2], failMany: false });
    const cold = createRecommendHandler(harness.deps);
    calls.failMany = true;
    harness.clock.set(T0 + 60_000);
    const lambda = toLambdaKafkaEvent([{ topic: 'gpu-metrics', partition: 1, offset: '2', timestamp: '0', key: 'k', value: JSON.stringify(both(2)), headers: {} }], { eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9092' });
    await expect(cold(lambda, {} as Context)).resolves.toEqual({ batchItemFailures: [] });
    expect(calls).toMatchObject({ get: 2, getMany: [2, 2] });
    expect((await harness.record())?.record.lastEvaluatedMs).toBe(T0 + 60_000);
    expect(harness.logs.map((line) => line.message)).toContain('batch read of workload records failed: read one by one');
  });

  it('keeps the record as JSON text, and reads one stored before as a map', async () => {
    const harness = withPod();
    await harness.send([usageEvent(T0, [quiet()])]);
    const key = recordKey({ clusterId: 'prod-eu-1', namespace: 'ml', workload: 'llm' });
    const stored = await harness.store.get(key);
    expect(typeof stored?.data['record']).toBe('string');
    const record = (await harness.record())?.record as AutoscaleRecord;
    await harness.store.put({ ...key, data: { record } }, { expectVersion: 1 });
    harness.clock.set(T0 + 30_000);
    await expect(createRecommendHandler(harness.deps)(lambdaOf(usageEvent(T0 + 30_000, [quiet()], { id: 2 }), 1), {} as Context)).resolves.toEqual({ batchItemFailures: [] });
    const next = await harness.record();
    expect(next?.version).toBe(3);
    expect(next?.record.watermarks).toEqual({ 'llm-0': T0 + 30_000 });
    expect(next?.record.lastEvaluatedMs).toBe(T0 + 30_000);
  });

  it('the record cache keeps the newest workloads only', () => {
    const cache = createRecordCache(1);
    const entry = { record: {} as AutoscaleRecord, version: 1 };
    cache.set({ pk: 'a', sk: 's' }, entry);
    cache.set({ pk: 'b', sk: 's' }, entry);
    expect(cache.get({ pk: 'a', sk: 's' })).toBeUndefined();
    expect(cache.get({ pk: 'b', sk: 's' })).toBe(entry);
  });

  it('a scale-up is bounded by what is free on the GPU; the ledger is put back when the patch fails', async () => {
    const harness = recommendHarness({ ledger: true });
    await harness.seedLedger(ledgerWith('n1', 1, { pool: 'default', allocations: [allocationWith('uid-llm-0', [booked('n1-gpu0', 20, 4)]), allocationWith('uid-other', [booked('n1-gpu0', 270, 4)])] }));
    const heldBy = async (podUid: string) => (await harness.ledger('n1'))?.allocations.find((allocation) => allocation.podUid === podUid)?.gpus[0]?.tflopsMilli;
    harness.workloads.putPod(admittedPod({ createdMs: T0 - 3_600_000, annotations: { [annotation('workload-profile')]: 'p' } }));
    harness.cluster.putProfile(profileWith({ autoScalingConfig: { autoSetResources: { initialDelayPeriod: '0s' } } }, { name: 'p', namespace: 'ml' }));
    harness.workloads.failWith.patchPodAnnotations = new AppError('DEPENDENCY_UNAVAILABLE', 'apiserver down');
    const busy = (n: number) => usageEvent(T0 + n * 30_000, [{ pod: 'llm-0', computePercent: 60, vramBytes: 6 * GIB, computeMeanPercent: 50 }], { id: n + 1 });
    expect((await harness.send([busy(0)])).batchItemFailures).toHaveLength(1);
    expect(await heldBy('uid-llm-0')).toBe(20_000);
    harness.workloads.failWith = {};
    harness.clock.set(T0 + 30_000);
    await harness.send([busy(1)], 1);
    const annotations = harness.workloads.pod('ml', 'llm-0')?.pod.metadata.annotations ?? {};
    expect(annotations[annotation('tflops-request')]).toBe('42');
    expect(await heldBy('uid-llm-0')).toBe(42_000);
  });
});
