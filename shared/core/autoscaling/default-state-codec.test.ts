import { describe, expect, it } from 'vitest';
import { decodeDefaultState, encodeDefaultState } from './default-state-codec.ts';
import { defaultConfigSchema } from './recommender-config.ts';
import { defaultRecommender } from './recommenders/default.ts';
import type { WorkloadBaseline } from './usage-sample.ts';

const GIB = 1024 ** 3;
const whole = { computePercent: 100, vramBytes: 48 * GIB };
const workload: WorkloadBaseline = { original: { requests: whole, limits: whole }, qos: 'medium', gpu: { vramBytes: 48 * GIB, tflops: 150 }, createdMs: 0 };

describe('Function: encodeDefaultState() / decodeDefaultState()', () => {
  it('round-trips a state through JSON text, and the recommender decides the same on the decoded state', () => {
    const recommender = defaultRecommender(defaultConfigSchema.parse({}));
    let state = recommender.start(workload);
    for (let minute = 0; minute < 40; minute++) {
      state = recommender.step(state, [{ atMs: minute * 60_000, computePercent: 10 + (minute % 5), vramBytes: (10 + (minute % 3)) * GIB }], minute * 60_000).state;
    }
    const text = JSON.stringify(encodeDefaultState(state));
    const decoded = decodeDefaultState(JSON.parse(text) as ReturnType<typeof encodeDefaultState>);
    expect(text.length).toBeLessThan(4_000);
    expect(decoded.compute.burst).toEqual(state.compute.burst);
    expect(decoded.vram.floor).toEqual(state.vram.floor);
    expect(decoded.lastActiveMs).toBe(39 * 60_000);
    const next = { atMs: 40 * 60_000, computePercent: 30, vramBytes: 20 * GIB };
    expect(recommender.step(decoded, [next], next.atMs).recommendation?.limits).toEqual(recommender.step(state, [next], next.atMs).recommendation?.limits);
  });
});
