import { describe, expect, it } from 'vitest';
import type { Qos } from '../../../schemas/annotations.ts';
import { defaultConfigSchema } from '../recommender-config.ts';
import type { Recommender, RecommenderStep } from '../recommender.ts';
import type { UsageSample, WorkloadBaseline } from '../usage-sample.ts';
import { defaultRecommender, type DefaultState } from './default.ts';

const GIB = 1024 ** 3;
const MINUTE = 60_000;
const whole = { computePercent: 100, vramBytes: 48 * GIB };
const workload = (qos: Qos = 'medium'): WorkloadBaseline => ({ original: { requests: whole, limits: whole }, qos, gpu: { vramBytes: 48 * GIB, tflops: 200 }, createdMs: 0 });
const sample = (minute: number, computePercent = 40, vramGib = 10): UsageSample => ({ atMs: minute * MINUTE, computePercent, vramBytes: vramGib * GIB });
// Defaults: compute limit = 90 min peak + 5 %, down to the floor after 10 idle minutes (the larger of 1 TFLOPS, 0.5 % of
// this 200 TFLOPS GPU, and a tenth of the original limit: 10 %); VRAM limit = max(4 h peak + 30 %, 24 h peak), the whole GPU past 90 % of it.
const recommender = defaultRecommender(defaultConfigSchema.parse({}));

/** One step a minute, each with that minute's sample from `usage`, from `from` to `to` (with `using`, the default recommender unless given). */
function runMinutes(
  range: { from?: number; to: number; state?: DefaultState; qos?: Qos; using?: Recommender<DefaultState> },
  usage: (minute: number) => UsageSample = sample,
): RecommenderStep<DefaultState>[] {
  const using = range.using ?? recommender;
  let state = range.state ?? using.start(workload(range.qos));
  const results: RecommenderStep<DefaultState>[] = [];
  for (let minute = range.from ?? 0; minute <= range.to; minute++) {
    const result = using.step(state, [usage(minute)], minute * MINUTE);
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

  it('lowers it again once the spike has left the 90 min window', () => {
    // The window is kept in 7.5 min slots: the spike's slot [30, 37.5) min leaves it at 127.5 min.
    const spiked = runMinutes({ from: 31, to: 31, state: settled() }, (m) => sample(m, 60)).at(-1)?.state as DefaultState;
    const after = runMinutes({ from: 32, to: 140, state: spiked });
    const lowered = after.findIndex((r) => r.recommendation !== undefined);
    expect(32 + lowered).toBe(128);
    expect(after[lowered]?.recommendation).toMatchObject({ reason: 'peaks fell past the update threshold' });
    expect(after[lowered]?.recommendation?.limits.computePercent).toBeCloseTo(42, 9);
  });

  it.each([
    {
      name: 'default (share 0): the compute limit drops to the floor; a busy sample over it brings the peak back at once',
      settings: {}, wake: 30, quietLimit: 10, reason: 'usage went over the limit',
    },
    {
      name: 'share 0.5: half the limit stays; a busy sample under it still brings the peak back',
      settings: { computeQuietShare: 0.5 }, wake: 10, quietLimit: 21, reason: 'peaks rose past the update threshold',
    },
  ])('quiet after 10 idle minutes — $name', ({ settings, wake, quietLimit, reason }) => {
    const using = defaultRecommender(defaultConfigSchema.parse(settings));
    // Busy at 40 % until minute 30 (limit 42), idle (0 %) from minute 31 to 40, busy again at minute 41.
    const steps = runMinutes({ to: 41, using }, (m) => sample(m, m <= 30 ? 40 : m <= 40 ? 0 : wake));
    expect(steps.slice(31, 40).every((r) => r.recommendation === undefined)).toBe(true);
    expect(steps[40]?.recommendation).toMatchObject({ reason: 'peaks fell past the update threshold', limits: { computePercent: quietLimit, vramBytes: 13 * GIB } });
    expect(steps[40]?.recommendation?.requests.computePercent).toBeCloseTo(quietLimit, 9);
    expect(steps[41]?.recommendation?.reason).toBe(reason);
    expect(steps[41]?.recommendation?.limits.computePercent).toBeCloseTo(42, 9);
  });

  it('keeps the limit at the peak through idle minutes when the quiet rule is off (computeQuietAfter 0); only the request falls', () => {
    const using = defaultRecommender(defaultConfigSchema.parse({ computeQuietAfter: 0 }));
    const steps = runMinutes({ to: 100, using }, (m) => sample(m, m <= 30 ? 40 : 0));
    const changes = steps.slice(31).flatMap((r) => (r.recommendation === undefined ? [] : [r.recommendation]));
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change.limits.computePercent).toBeCloseTo(42, 9);
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
