import { describe, expect, it } from 'vitest';
import type { Qos } from '../../../schemas/annotations.ts';
import { defaultConfigSchema } from '../recommender-config.ts';
import type { RecommenderStep } from '../recommender.ts';
import type { UsageSample, WorkloadBaseline } from '../usage-sample.ts';
import { defaultRecommender, type DefaultState } from './default.ts';

const GIB = 1024 ** 3;
const MINUTE = 60_000;
const whole = { computePercent: 100, vramBytes: 48 * GIB };
const workload = (qos: Qos = 'medium'): WorkloadBaseline => ({ original: { requests: whole, limits: whole }, qos, gpu: { vramBytes: 48 * GIB, tflops: 200 }, createdMs: 0 });
const sample = (minute: number, computePercent = 40, vramGib = 10): UsageSample => ({ atMs: minute * MINUTE, computePercent, vramBytes: vramGib * GIB });
// Defaults: compute limit = 25 min peak + 5 %; VRAM limit = max(4 h peak + 30 %, 24 h peak), the whole GPU past 90 % of it.
const recommender = defaultRecommender(defaultConfigSchema.parse({}));

/** One step a minute, each with that minute's sample from `usage`, from `from` to `to`. */
function runMinutes(range: { from?: number; to: number; state?: DefaultState; qos?: Qos }, usage: (minute: number) => UsageSample = sample): RecommenderStep<DefaultState>[] {
  let state = range.state ?? recommender.start(workload(range.qos));
  const results: RecommenderStep<DefaultState>[] = [];
  for (let minute = range.from ?? 0; minute <= range.to; minute++) {
    const result = recommender.step(state, [usage(minute)], minute * MINUTE);
    state = result.state;
    results.push(result);
  }
  return results;
}
const settled = (): DefaultState => (runMinutes({ to: 30 }).at(-1) as RecommenderStep<DefaultState>).state;

// P50 of a steady 40 % ends its bucket at 41.81; plus 15 %.
const COMPUTE_P50 = 41.813036230940554 * 1.15;
const VRAM_P50 = 11274712643.000727 * 1.15;

describe('Recommender: default', () => {
  it('is named after its file and runs every 30 s', () => {
    expect(recommender).toMatchObject({ name: 'default', intervalMs: 30_000 });
  });

  it('recommends nothing during the initial delay, nor without samples', () => {
    expect(runMinutes({ to: 29 }).every((r) => r.recommendation === undefined)).toBe(true);
    expect(recommender.step(recommender.start(workload()), [], 60 * MINUTE).recommendation).toBeUndefined();
  });

  it('then lowers the limits to the windowed peaks; the request (P50 + 15 %) stops at the limit', () => {
    const recommendation = runMinutes({ to: 30 }).at(-1)?.recommendation;
    expect(recommendation?.reason).toBe('peaks fell past the update threshold');
    expect(recommendation?.limits.computePercent).toBeCloseTo(42, 9);
    expect(recommendation?.requests.computePercent).toBeCloseTo(42, 9);
    expect(recommendation?.limits.vramBytes).toBeCloseTo(13 * GIB, 3);
    expect(recommendation?.requests.vramBytes).toBeCloseTo(VRAM_P50, 3);
  });

  it('keeps quiet while nothing moves past the threshold', () => {
    expect(runMinutes({ from: 31, to: 40, state: settled() }).every((r) => r.recommendation === undefined)).toBe(true);
  });

  it('raises a limit at once when a sample goes over it, and the request with the peak', () => {
    const recommendation = runMinutes({ from: 31, to: 31, state: settled() }, (m) => sample(m, 60)).at(-1)?.recommendation;
    expect(recommendation?.reason).toBe('usage went over the limit');
    expect(recommendation?.limits.computePercent).toBeCloseTo(63, 9);
    expect(recommendation?.requests.computePercent).toBeCloseTo(COMPUTE_P50, 9);
    expect(recommendation?.limits.vramBytes).toBeCloseTo(13 * GIB, 3);
  });

  it('lowers it again once the spike has left the 25 min window', () => {
    const spiked = runMinutes({ from: 31, to: 31, state: settled() }, (m) => sample(m, 60)).at(-1)?.state as DefaultState;
    const after = runMinutes({ from: 32, to: 60, state: spiked });
    const lowered = after.findIndex((r) => r.recommendation !== undefined);
    expect(32 + lowered).toBeGreaterThanOrEqual(31 + 25);
    expect(after[lowered]?.recommendation).toMatchObject({ reason: 'peaks fell past the update threshold' });
    expect(after[lowered]?.recommendation?.limits.computePercent).toBeCloseTo(42, 9);
  });

  it('raises a limit past the threshold before any sample goes over it', () => {
    const recommendation = runMinutes({ from: 31, to: 31, state: settled() }, (m) => sample(m, 40, 12)).at(-1)?.recommendation;
    expect(recommendation?.reason).toBe('peaks rose past the update threshold');
    expect(recommendation?.limits.vramBytes).toBeCloseTo(12 * 1.3 * GIB, 3);
  });

  it('gives the whole GPU past 90 % of it', () => {
    const recommendation = runMinutes({ from: 31, to: 31, state: settled() }, (m) => sample(m, 40, 34)).at(-1)?.recommendation;
    expect(recommendation?.limits.vramBytes).toBe(48 * GIB);
  });

  it('raises a limit a sample went over even during the initial delay, and nothing else', () => {
    const small = { computePercent: 20, vramBytes: 8 * GIB };
    const young: WorkloadBaseline = { ...workload(), original: { requests: small, limits: small } };
    const state = recommender.start(young);
    expect(recommender.step(state, [sample(1, 10, 4)], MINUTE).recommendation).toBeUndefined();
    const recommendation = recommender.step(state, [sample(1, 10, 9)], MINUTE).recommendation;
    expect(recommendation).toMatchObject({ reason: 'usage went over the limit', requests: small });
    expect(recommendation?.limits.computePercent).toBe(20);
    expect(recommendation?.limits.vramBytes).toBeCloseTo(9 * 1.3 * GIB, 3);
  });

  it('ignores samples older than the last one and negative ones', () => {
    const state = settled();
    const result = recommender.step(state, [sample(10, 99, 40), { ...sample(31), computePercent: -1 }, { ...sample(31), vramBytes: -1 }], 31 * MINUTE);
    expect(result.recommendation).toBeUndefined();
    expect(result.state.compute).toEqual(state.compute);
  });

  it.each([
    { name: 'critical: the upper bound, which is the limit', qos: 'critical', compute: 42, vram: 13 * GIB },
    { name: 'high: the target (P98 of VRAM), under the limit', qos: 'high', compute: 42, vram: VRAM_P50 },
  ] as const)('maps QoS to the request — $name', ({ qos, compute, vram }) => {
    const recommendation = runMinutes({ to: 30, qos }).at(-1)?.recommendation;
    expect(recommendation?.requests.computePercent).toBeCloseTo(compute, 9);
    expect(recommendation?.requests.vramBytes).toBeCloseTo(vram, 3);
  });
});
