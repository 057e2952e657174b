import { describe, expect, it } from 'vitest';
import type { Qos } from '../../../schemas/annotations.ts';
import { tensorfusionConfigSchema } from '../recommender-config.ts';
import type { RecommenderStep } from '../recommender.ts';
import type { UsageSample, WorkloadBaseline } from '../usage-sample.ts';
import { tensorfusion, type TensorfusionState } from './tensorfusion.ts';

const GIB = 1024 ** 3;
const MINUTE = 60_000;
const workload = (qos: Qos): WorkloadBaseline => {
  const whole = { computePercent: 100, vramBytes: 48 * GIB };
  return { original: { requests: whole, limits: whole }, qos, gpu: { vramBytes: 48 * GIB, tflops: 200 }, createdMs: 0 };
};
const sample = (minute: number, computePercent = 40, vramBytes = 10 * GIB): UsageSample => ({ atMs: minute * MINUTE, computePercent, vramBytes });
const estimator = tensorfusion(tensorfusionConfigSchema.parse({ computeLimitNeverBelowOriginal: false }));

/** One step a minute with that minute's sample, minutes 0..`last`; the last step's result. */
function runMinutes(last: number, options: { qos?: Qos; recommender?: typeof estimator } = {}): RecommenderStep<TensorfusionState> {
  const recommender = options.recommender ?? estimator;
  let result: RecommenderStep<TensorfusionState> = { state: recommender.start(workload(options.qos ?? 'medium')) };
  for (let minute = 0; minute <= last; minute++) result = recommender.step(result.state, [sample(minute)], minute * MINUTE);
  return result;
}

// Bucket ends (×1.05 buckets): compute 40 % lies in [39.82, 41.81), VRAM 10 GiB in [10.74e9, 11.27e9) bytes; plus the 15 % margin.
const COMPUTE_40 = 41.813036230940554 * 1.15;
const VRAM_10_GIB = 11274712643.000727 * 1.15;

describe('Recommender: tensorfusion', () => {
  it('is named after its file and runs every 30 s', () => {
    expect(estimator).toMatchObject({ name: 'tensorfusion', intervalMs: 30_000 });
  });

  it('recommends nothing during the 30 min initial delay', () => {
    expect(runMinutes(29).recommendation).toBeUndefined();
  });

  it('after it, sets the upper bound as limit and (QoS medium) the lower bound as request', () => {
    const { recommendation } = runMinutes(30);
    expect(recommendation?.reason).toBe('percentile estimate moved past the update threshold');
    expect(recommendation?.limits.computePercent).toBeCloseTo(COMPUTE_40, 9);
    expect(recommendation?.requests.computePercent).toBeCloseTo(COMPUTE_40, 9);
    expect(recommendation?.limits.vramBytes).toBeCloseTo(VRAM_10_GIB, 3);
    expect(recommendation?.requests.vramBytes).toBeCloseTo(VRAM_10_GIB, 3);
  });

  it('then keeps quiet while the estimates stay inside the update threshold', () => {
    const { state } = runMinutes(30);
    expect(estimator.step(state, [sample(31)], 31 * MINUTE).recommendation).toBeUndefined();
  });

  it('never lowers the compute limit below the original one, as HEAD does by default', () => {
    const { recommendation } = runMinutes(30, { recommender: tensorfusion(tensorfusionConfigSchema.parse({})) });
    expect(recommendation?.limits.computePercent).toBe(100);
    expect(recommendation?.requests.computePercent).toBeCloseTo(COMPUTE_40, 9);
  });

  it('recommends nothing after the delay when it has seen no sample', () => {
    expect(estimator.step(estimator.start(workload('medium')), [], 60 * MINUTE).recommendation).toBeUndefined();
  });

  it('drops samples older than the last one and negative ones', () => {
    const { state } = runMinutes(30);
    const late = estimator.step(state, [sample(20, 99), sample(32, -1), sample(32, 40, -1)], 32 * MINUTE);
    expect(late.recommendation).toBeUndefined();
    expect(late.state.compute).toEqual(state.compute);
  });

  // 100 samples at one instant (equal weights): 55 at 10 %, 42 at 20 %, 3 at 80 %: P50 ends 10's bucket, P95 20's, P99 80's.
  const spread = [...Array<number>(55).fill(10), ...Array<number>(42).fill(20), ...Array<number>(3).fill(80)].map((c) => sample(31, c));
  it.each([
    { name: 'medium: the lower bound (P50)', qos: 'medium', request: 10.467399785753692 * 1.15 },
    { name: 'low: the lower bound (P50)', qos: 'low', request: 10.467399785753692 * 1.15 },
    { name: 'high: the target (P95)', qos: 'high', request: 20.623492570684117 * 1.15 },
    { name: 'critical: the upper bound (P99)', qos: 'critical', request: 83.76688330158305 * 1.15 },
  ] as const)('maps QoS to the request — $name', ({ qos, request }) => {
    const recommender = estimator;
    const state = recommender.start(workload(qos));
    const { recommendation } = recommender.step(state, spread, 31 * MINUTE);
    expect(recommendation?.requests.computePercent).toBeCloseTo(request, 9);
    expect(recommendation?.limits.computePercent).toBeCloseTo(83.76688330158305 * 1.15, 9);
  });
});
