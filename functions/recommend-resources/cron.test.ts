import { describe, expect, it } from 'vitest';
import { profileWith } from '../../test/fixtures/builders.ts';
import { recommendHarness } from '../../test/fixtures/autoscaling/recommend-harness.ts';
import { admittedPod, usageEvent } from '../../test/fixtures/autoscaling/workload-pods.ts';

const GIB = 1024 ** 3;
const NIGHT = {
  name: 'night', enable: true, start: '0 22 * * *', end: '0 6 * * *',
  desiredResources: { requests: { tflops: '60', vram: '10Gi' }, limits: { tflops: '80', vram: '12Gi' } },
};
const RESOURCE_KEYS = ['tflops-request', 'tflops-limit', 'vram-request', 'vram-limit'].map((key) => `tensor-fusion.ai/${key}`);

/** The pod's resource annotations after one quiet sample at `iso`. */
async function resourcesAt(iso: string, options: { autoResources?: string; rules?: object[]; harness?: ReturnType<typeof recommendHarness> } = {}) {
  const harness = options.harness ?? recommendHarness({ start: iso });
  if (options.harness === undefined) {
    harness.workloads.putPod(admittedPod({ createdMs: Date.parse(iso), annotations: { 'tensor-fusion.ai/workload-profile': 'p', 'tensor-fusion.ai/auto-resources': options.autoResources ?? 'true' } }));
    harness.cluster.putProfile(profileWith({ autoScalingConfig: { cronScalingRules: options.rules ?? [NIGHT] } } as Parameters<typeof profileWith>[0], { name: 'p', namespace: 'ml' }));
  }
  harness.clock.set(iso);
  await harness.send([usageEvent(Date.parse(iso), [{ pod: 'llm-0', computePercent: 5, vramBytes: 2 * GIB }], { id: Date.parse(iso) % 1000 })]);
  const annotations = harness.workloads.pod('ml', 'llm-0')?.pod.metadata.annotations ?? {};
  return { values: RESOURCE_KEYS.map((key) => annotations[key]), harness };
}

describe('Function: recommend-resources, cronScalingRules', () => {
  it.each([
    { name: 'before the window: the recommendation (the spec, while it has nothing to say)', at: '2025-01-31T21:59:00Z', expected: ['20', '40', '4Gi', '8Gi'] },
    { name: 'inside, before midnight: the rule raises requests and limits', at: '2025-01-31T22:00:00Z', expected: ['60', '80', '10Gi', '12Gi'] },
    { name: 'inside, after midnight', at: '2025-02-01T05:59:00Z', expected: ['60', '80', '10Gi', '12Gi'] },
    { name: 'cron alone (auto-resources off) applies too', at: '2025-02-01T01:00:00Z', autoResources: 'false', expected: ['60', '80', '10Gi', '12Gi'] },
    { name: 'two active rules: an error, none applies', at: '2025-02-01T01:00:00Z', rules: [NIGHT, { ...NIGHT, name: 'also' }], expected: ['20', '40', '4Gi', '8Gi'] },
    { name: 'a disabled rule never applies', at: '2025-02-01T01:00:00Z', rules: [{ ...NIGHT, enable: false }], autoResources: 'false', expected: ['20', '40', '4Gi', '8Gi'] },
  ])('$name', async ({ at, autoResources, rules, expected }) => {
    const options = { ...(autoResources === undefined ? {} : { autoResources }), ...(rules === undefined ? {} : { rules }) };
    expect((await resourcesAt(at, options)).values).toEqual(expected);
  });

  it('takes the larger of the rule and the recommendation, field by field, and drops the rule when its window closes', async () => {
    const { harness } = await resourcesAt('2025-01-31T23:00:00Z');
    harness.clock.set('2025-01-31T23:00:10Z');
    await harness.send([usageEvent(Date.parse('2025-01-31T23:00:10Z'), [{ pod: 'llm-0', computePercent: 50, vramBytes: 2 * GIB }], { id: 7 })], 1);
    const during = harness.workloads.pod('ml', 'llm-0')?.pod.metadata.annotations ?? {};
    expect(RESOURCE_KEYS.map((key) => during[key])).toEqual(['60', '163.8', '10Gi', '12Gi']);
    const after = (await resourcesAt('2025-02-01T06:00:00Z', { harness })).values;
    expect(after[2]).not.toBe('10Gi');
    expect(harness.published.map((sent) => (sent.event.data as { reason: string }).reason)).toEqual([
      'cron rule night is active', 'usage went over the limit; cron rule night is active', 'peaks fell past the update threshold',
    ]);
  });
});
