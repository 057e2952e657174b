import { describe, expect, it } from 'vitest';
import { vpaConfigSchema } from '../recommender-config.ts';
import type { RecommenderStep } from '../recommender.ts';
import type { ComputeVram, UsageSample, WorkloadBaseline } from '../usage-sample.ts';
import { vpa, type VpaState } from './vpa.ts';

const GIB = 1024 ** 3;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const whole = { computePercent: 100, vramBytes: 48 * GIB };
const workload = (requests: ComputeVram = whole, limits: ComputeVram = whole): WorkloadBaseline =>
  ({ original: { requests, limits }, qos: 'medium', gpu: { vramBytes: 48 * GIB, tflops: 200 }, createdMs: 0 });
const sample = (atMs: number, computePercent = 40, vramBytes = 10 * GIB): UsageSample => ({ atMs, computePercent, vramBytes });
const recommender = vpa(vpaConfigSchema.parse({}));

function run(baseline: WorkloadBaseline, steps: readonly { atMs: number; samples: UsageSample[] }[]): RecommenderStep<VpaState>[] {
  let state = recommender.start(baseline);
  return steps.map(({ atMs, samples }) => {
    const result = recommender.step(state, samples, atMs);
    state = result.state;
    return result;
  });
}
const hour = Array.from({ length: 61 }, (_, minute) => ({ atMs: minute * MINUTE, samples: [sample(minute * MINUTE)] }));

// P90 bucket ends plus 15 %: compute 40 % → 41.81 × 1.15; VRAM 10 GiB → 11.27e9 × 1.15 bytes.
const COMPUTE_40 = 48.08499166558163;
const VRAM_10_GIB = 12965919539.450834;

describe('Recommender: vpa', () => {
  it('is named after its file and runs every minute', () => {
    expect(recommender).toMatchObject({ name: 'vpa', intervalMs: 60_000 });
  });

  it('recommends nothing without samples', () => {
    expect(run(workload(), [{ atMs: HOUR, samples: [] }])[0]?.recommendation).toBeUndefined();
  });

  it('leaves a young pod whose request lies inside the (wide, low-confidence) bounds alone', () => {
    expect(run(workload(), hour).every((r) => r.recommendation === undefined)).toBe(true);
  });

  it('applies a > 10 % change once the pod is 12 h old, keeping the limit:request ratio', () => {
    const results = run(workload(), [...hour, { atMs: 12 * HOUR, samples: [] }]);
    const recommendation = results.at(-1)?.recommendation;
    expect(recommendation?.reason).toBe('request changed by more than the update threshold');
    expect(recommendation?.requests.computePercent).toBeCloseTo(COMPUTE_40, 9);
    expect(recommendation?.limits.computePercent).toBeCloseTo(COMPUTE_40, 9);
    expect(recommendation?.requests.vramBytes).toBeCloseTo(VRAM_10_GIB, 3);
  });

  // A 1 GiB request with a 2 GiB limit: the first 10 GiB sample is an OOM, bumped to 12 GiB (bucket end 13.08e9, + 15 %).
  const small = workload({ computePercent: 1, vramBytes: GIB }, { computePercent: 2, vramBytes: 2 * GIB });
  const VRAM_12_GIB = 15045926356.856771;
  it('moves a request below the lower bound at once, the limit in proportion (2:1 here), after an OOM bump', () => {
    const [first, second] = run(small, [{ atMs: 0, samples: [sample(0)] }, { atMs: MINUTE, samples: [sample(MINUTE)] }]);
    expect(first?.recommendation).toBeUndefined();
    expect(second?.recommendation?.reason).toBe('request outside the recommended range');
    expect(second?.recommendation?.limits.computePercent).toBeCloseTo(2 * COMPUTE_40, 9);
    expect(second?.recommendation?.requests.vramBytes).toBeCloseTo(VRAM_12_GIB, 3);
    expect(second?.recommendation?.limits.vramBytes).toBeCloseTo(2 * VRAM_12_GIB, 3);
  });

  it('bumps from the usage peak, not from an earlier bump, and caps the limit at the GPU', () => {
    const steps = [{ atMs: 0, samples: [sample(0)] }, { atMs: MINUTE, samples: [sample(MINUTE)] }, { atMs: 2 * MINUTE, samples: [sample(2 * MINUTE, 40, 31 * GIB)] }];
    const recommendation = run(small, steps)[2]?.recommendation;
    // max(request 15.05e9, usage peak 31 GiB) × 1.2 = 39.94e9, whose bucket ends at 40.60e9; plus 15 %.
    expect(recommendation?.requests.vramBytes).toBeCloseTo(40600322346.72749 * 1.15, 2);
    expect(recommendation?.limits.vramBytes).toBe(48 * GIB);
  });

  it('starts the usage peak afresh in a new window', () => {
    const steps = [{ atMs: 0, samples: [sample(0, 40, 30 * GIB)] }, { atMs: 25 * HOUR, samples: [sample(25 * HOUR)] }];
    expect(run(workload(), steps)[1]?.state.usagePeak).toBe(10 * GIB);
  });

  it('keeps the limit at the request when the original request is 0', () => {
    const zero = workload({ computePercent: 0, vramBytes: 0 }, { computePercent: 50, vramBytes: 24 * GIB });
    const recommendation = run(zero, [{ atMs: 0, samples: [sample(0)] }, { atMs: MINUTE, samples: [sample(MINUTE)] }])[1]?.recommendation;
    expect(recommendation?.limits.computePercent).toBeCloseTo(COMPUTE_40, 9);
    expect(recommendation?.limits.vramBytes).toBeCloseTo(VRAM_10_GIB, 3);
  });

  it('recommends nothing once the request equals the recommendation', () => {
    const results = run(workload(), [...hour, { atMs: 12 * HOUR, samples: [] }, { atMs: 12 * HOUR + MINUTE, samples: [] }]);
    expect(results.at(-2)?.recommendation).toBeDefined();
    expect(results.at(-1)?.recommendation).toBeUndefined();
  });
});
