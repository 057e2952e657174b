import { describe, expect, it } from 'vitest';
import type { GpuLedger } from '../../shared/ports/gpu-ledger.ts';
import { allocationWith, booked, GIB, ledgerGpu, ledgerWith } from '../../test/fixtures/ledger.ts';
import { recommendHarness } from '../../test/fixtures/autoscaling/recommend-harness.ts';
import { admittedPod, usageEvent } from '../../test/fixtures/autoscaling/workload-pods.ts';
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
});
