import { describe, expect, it } from 'vitest';
import { MAX_PENDING_SAMPLES, recommendedOf, startRecord, stepAutoscale, type AutoscaleInput, type PodSample } from './autoscale-record.ts';
import { defaultConfigSchema } from './recommender-config.ts';
import type { WorkloadBaseline } from './usage-sample.ts';

const GIB = 1024 ** 3;
const config = defaultConfigSchema.parse({ initialDelayPeriod: 0 });
const baseline: WorkloadBaseline = {
  original: { requests: { computePercent: 10, vramBytes: 4 * GIB }, limits: { computePercent: 20, vramBytes: 8 * GIB } },
  qos: 'medium', gpu: { vramBytes: 40 * GIB, tflops: 312 }, createdMs: 0,
};
const sample = (pod: string, atMs: number, computePercent = 5): PodSample => ({ pod, atMs, computePercent, computeMeanPercent: computePercent / 2, vramBytes: 2 * GIB });
const input = (nowMs: number, samples: PodSample[]): AutoscaleInput => ({ samples, baseline, config, nowMs, limits: baseline.original.limits });

describe('Function: stepAutoscale()', () => {
  it('starts a record from the baseline and evaluates the first samples', () => {
    const step = stepAutoscale(undefined, input(60_000, [sample('a', 60_000)]));
    expect(step).toMatchObject({ spiked: false, record: { pending: [], watermarks: { a: 60_000 }, lastEvaluatedMs: 60_000, replicas: { points: [] } } });
    expect(recommendedOf(startRecord(baseline, config))).toEqual(baseline.original);
  });

  it.each([
    { name: 'inside the interval, no spike: the samples wait', atMs: 70_000, computePercent: 5, evaluated: false, pending: 1 },
    { name: 'inside the interval, over the limit: evaluated at once', atMs: 70_000, computePercent: 50, evaluated: true, pending: 0 },
    { name: 'a whole interval later: evaluated', atMs: 90_000, computePercent: 5, evaluated: true, pending: 0 },
  ])('$name', ({ atMs, computePercent, evaluated, pending }) => {
    const first = stepAutoscale(undefined, input(60_000, [sample('a', 60_000)]));
    const step = stepAutoscale(first.record, input(atMs, [sample('a', atMs, computePercent)]));
    expect(step.record.lastEvaluatedMs === atMs).toBe(evaluated);
    expect(step.record.pending).toHaveLength(pending);
  });

  it('a spike records the raised limit as the recommendation', () => {
    const first = stepAutoscale(undefined, input(60_000, [sample('a', 60_000)]));
    const step = stepAutoscale(first.record, input(61_000, [sample('a', 61_000, 50)]));
    expect(step.record.recommendation?.limits.computePercent).toBeCloseTo(52.5);
    expect(step.record.recommendation).toMatchObject({ atMs: 61_000, reason: 'usage went over the limit' });
    expect(recommendedOf(step.record).limits.computePercent).toBeCloseTo(52.5);
  });

  it('takes each (pod, interval end) once, clamps future samples to now, and forgets pods gone for a whole history', () => {
    const first = stepAutoscale(undefined, input(60_000, [sample('a', 60_000), sample('b', 90_000)]));
    expect(first.record.watermarks).toEqual({ a: 60_000, b: 60_000 });
    const again = stepAutoscale(first.record, input(61_000, [sample('a', 60_000), sample('a', 59_000)]));
    expect(again.fresh).toEqual([]);
    expect(again.record.lastEvaluatedMs).toBe(60_000);
    const later = stepAutoscale(first.record, input(60_000 + config.historyDataPeriod + 1, [sample('c', 60_000 + config.historyDataPeriod)]));
    expect(Object.keys(later.record.watermarks)).toEqual(['c']);
  });

  it(`evaluates once ${MAX_PENDING_SAMPLES} samples wait, whatever the interval`, () => {
    const first = stepAutoscale(undefined, input(0, [sample('a', 0)]));
    const many = Array.from({ length: MAX_PENDING_SAMPLES }, (_, index) => sample(`p${index}`, 1000));
    expect(stepAutoscale(first.record, input(1000, many)).record.lastEvaluatedMs).toBe(1000);
  });
});
