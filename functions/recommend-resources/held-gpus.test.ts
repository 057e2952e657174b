import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { toLambdaKafkaEvent } from '../../shared/adapters/kafka/lambda-event.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { GpuLedger, HeldPod } from '../../shared/ports/gpu-ledger.ts';
import type { StateStore } from '../../shared/ports/state-store.ts';
import { createLedgerGpuLedger } from '../../shared/adapters/state/gpu-ledger.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { allocationWith, booked, GIB, ledgerGpu, ledgerWith } from '../../test/fixtures/ledger.ts';
import { recommendHarness } from '../../test/fixtures/autoscaling/recommend-harness.ts';
import { admittedPod, usageEvent } from '../../test/fixtures/autoscaling/workload-pods.ts';
import { createRecommendHandler } from './handler.ts';
import { heldGpus } from './held-gpus.ts';

const T0 = Date.parse('2025-01-31T12:00:00Z');
const H100 = { vramBytes: 80 * GIB, tflops: 989 };

/** A ledger that answers `held` for pod `a` and counts its reads. */
function countingLedger(): GpuLedger & { reads: number } {
  const ledger = {
    reads: 0,
    resize: async () => { throw new Error('not used'); },
    spareReplicas: async () => 0,
    heldGpu: async (pod: { podUid: string }) => {
      ledger.reads += 1;
      return pod.podUid === 'a' ? H100 : undefined;
    },
    heldGpus: async (pods: readonly HeldPod[]) => Promise.all(pods.map((pod) => ledger.heldGpu(pod))),
  };
  return ledger;
}

describe('Function: heldGpus()', () => {
  it('reads each pod once, answers and misses alike, and keeps at most `limit` pods', async () => {
    const ledger = countingLedger();
    const held = heldGpus(2);
    const pod = (podUid: string) => ({ clusterId: 'c', podUid });
    expect(await held(pod('a'), ledger)).toEqual(H100);
    expect(await held(pod('b'), ledger)).toBeUndefined();
    expect(await held(pod('a'), ledger)).toEqual(H100);
    expect(await held(pod('b'), ledger)).toBeUndefined();
    expect(ledger.reads).toBe(2);
    await held(pod('c'), ledger);
    await held(pod('a'), ledger);
    expect(ledger.reads).toBe(4);
    expect(await held(pod('a'), undefined)).toBeUndefined();
  });
});

describe('Function: heldGpus().prefetch()', () => {
  /** A ledger that also reads many pods at once (pod `a` on an H100), logging each batch read's pods. */
  function batchLedger(): GpuLedger & { reads: number; batches: string[][] } {
    const batches: string[][] = [];
    return Object.assign(countingLedger(), {
      batches,
      heldGpus: async (pods: readonly HeldPod[]) => {
        batches.push(pods.map((pod) => pod.podUid));
        return pods.map((pod) => pod.podUid === 'a' ? H100 : undefined);
      },
    });
  }
  const pod = (podUid: string) => ({ clusterId: 'c', podUid });

  it('reads the pods not known yet together, once each, so the calls that follow make none', async () => {
    const ledger = batchLedger();
    const held = heldGpus();
    expect(await held(pod('c'), ledger)).toBeUndefined();
    await held.prefetch([pod('a'), pod('b'), pod('a'), pod('c')], ledger);
    expect(ledger.batches).toEqual([['a', 'b']]);
    expect(await held(pod('a'), ledger)).toEqual(H100);
    expect(await held(pod('b'), ledger)).toBeUndefined();
    expect(ledger.reads).toBe(1);
    await held.prefetch([pod('a'), pod('b')], ledger);
    await held.prefetch([pod('d')], undefined);
    expect(ledger.batches).toEqual([['a', 'b']]);
  });

  it('makes no call without a ledger, and answers undefined', async () => {
    const held = heldGpus();
    await held.prefetch([pod('a')], undefined);
    expect(await held(pod('a'), undefined)).toBeUndefined();
  });
});

describe('Function: recommend-resources, the GPU a pod holds', () => {
  /** Pod llm-0 naming no GPU model (40 TFLOPS limit), with a usage spike of 30 % of its GPU; on an H100 node when `onH100`. */
  async function spikeLimit(onH100: boolean): Promise<string | undefined> {
    const harness = recommendHarness({ ledger: true });
    harness.workloads.putPod(admittedPod({ createdMs: T0, annotations: { 'tensor-fusion.ai/gpu-model': null } }));
    if (onH100) {
      const gpu = { ...ledgerGpu('h1', 0), model: 'H100_SXM', capacity: { tflopsMilli: 989_000, vramBytes: 80 * GIB } };
      await harness.seedLedger(ledgerWith('h1', 1, { pool: 'default', gpus: [gpu], allocations: [allocationWith('uid-llm-0', [booked('h1-gpu0', 20, 4)], { pod: 'llm-0' })] }));
    }
    await harness.send([usageEvent(T0, [{ pod: 'llm-0', computePercent: 30, vramBytes: 2 * GIB }])]);
    return harness.workloads.pod('ml', 'llm-0')?.pod.metadata.annotations?.['tensor-fusion.ai/tflops-limit'];
  }

  it.each([
    { name: 'booked on an H100: 31.5 % (the 30 % peak and its margin) of 989 TFLOPS', onH100: true, expected: '311.535' },
    { name: 'not in the ledger: the same share of the default GPU\'s 312 TFLOPS', onH100: false, expected: '98.28' },
  ])('converts percent and TFLOPS through that GPU: $name', async ({ onH100, expected }) => {
    expect(await spikeLimit(onH100)).toBe(expected);
  });

  it('a cold batch reads its lead pods\' index entries and their ledgers in one batch read each, a warm one none; a failed batch read falls back to one read each', async () => {
    const harness = recommendHarness({ ledger: true });
    const calls = { get: [] as string[], getMany: [] as string[][], failMany: false };
    const counting: StateStore = {
      ...harness.store,
      get: (key) => { calls.get.push(key.sk); return harness.store.get(key); },
      getMany: (keys) => { calls.getMany.push(keys.map((key) => key.sk)); return calls.failMany ? Promise.reject(new AppError('THROTTLED', 'slow down')) : harness.store.getMany(keys); },
    };
    Object.assign(harness.deps, { ledger: createLedgerGpuLedger(createLedgerStore(counting)) });
    harness.workloads.putPod(admittedPod({ createdMs: T0 }));
    harness.workloads.putPod(admittedPod({ name: 'other-0', workload: 'other', createdMs: T0 }));
    await harness.seedLedger(ledgerWith('h1', 1, { pool: 'default', allocations: [allocationWith('uid-llm-0', [booked('h1-gpu0', 20, 4)], { pod: 'llm-0' })] }));
    const both = (n: number) => usageEvent(T0 + n * 30_000, [{ pod: 'llm-0', computePercent: 5, vramBytes: 2 * GIB }, { pod: 'other-0', computePercent: 5, vramBytes: 2 * GIB }], { id: n + 1 });
    await expect(harness.send([both(0)])).resolves.toEqual({ batchItemFailures: [] });
    expect(calls.getMany).toEqual([['allocation', 'allocation'], ['ledger']]);
    harness.clock.set(T0 + 30_000);
    await expect(harness.send([both(1)], 1)).resolves.toEqual({ batchItemFailures: [] });
    expect(calls.getMany).toHaveLength(2);
    const cold = createRecommendHandler(harness.deps);
    calls.failMany = true;
    harness.clock.set(T0 + 60_000);
    const lambda = toLambdaKafkaEvent([{ topic: 'gpu-metrics', partition: 1, offset: '2', timestamp: '0', key: 'k', value: JSON.stringify(both(2)), headers: {} }], { eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9092' });
    await expect(cold(lambda, {} as Context)).resolves.toEqual({ batchItemFailures: [] });
    expect(calls.get.toSorted()).toEqual(['allocation', 'allocation', 'ledger']);
    expect(harness.logs.map((line) => line.message)).toContain('batch read of held GPUs failed: read one by one');
  });
});
