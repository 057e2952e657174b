import { describe, expect, it } from 'vitest';
import { autoscaledPod, ownerWith, recordWith, tf } from '../../test/fixtures/admission/recommended.ts';
import { defaultPool, podCreate } from '../../test/fixtures/admission/reviews.ts';
import { profileWith } from '../../test/fixtures/builders.ts';
import { createMemoryCluster } from '../../shared/adapters/memory/cluster.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import { admit } from './admit.ts';

const STATEFUL = { owner: { kind: 'StatefulSet', name: 'web' }, labels: { 'pod-template-hash': null, 'controller-revision-hash': 'web-6c8d' } } as const;
const profile = (enable: boolean) => profileWith({ autoScalingConfig: { autoSetResources: { enable } } }, { name: 'p', namespace: 'ml' });

/** Admit a StatefulSet's pod (its owner is not needed to name it) against a StatefulSet that records a recommendation. */
async function admitted(options: { annotations: Record<string, string | null>; enable: boolean }) {
  const cluster = createMemoryCluster({ pools: [defaultPool()], profiles: [profile(options.enable)], owners: [ownerWith(recordWith({ template: 'web-6c8d' }), { kind: 'StatefulSet', name: 'web' })] });
  const decision = await admit(podCreate(autoscaledPod({ ...STATEFUL, annotations: options.annotations })), { cluster, clock: fixedClock('2025-01-31T12:01:00Z') });
  if (decision.verdict !== 'allow') throw new Error(decision.message);
  const found = decision.patch.find((operation) => operation.path === '/metadata/annotations/tensor-fusion.ai~1tflops-limit');
  const limit = found !== undefined && 'value' in found ? found.value : undefined;
  return { limit, ownerReads: cluster.calls.getOwner };
}

describe('Function: admit() — the owner is read for its recorded recommendation only when auto-resources is on', () => {
  it.each([
    { name: 'on by annotation: read beside the profile and pools', annotations: {}, enable: false, want: { limit: '60', ownerReads: 1 } },
    { name: 'left to a profile that switches it on: read once the profile is in', annotations: { [tf('auto-resources')]: null, [tf('workload-profile')]: 'p' }, enable: true, want: { limit: '60', ownerReads: 1 } },
    { name: 'left to a profile that leaves it off: not read', annotations: { [tf('auto-resources')]: null, [tf('workload-profile')]: 'p' }, enable: false, want: { limit: undefined, ownerReads: 0 } },
    { name: 'off by annotation, whatever the profile: not read', annotations: { [tf('auto-resources')]: 'false', [tf('workload-profile')]: 'p' }, enable: true, want: { limit: undefined, ownerReads: 0 } },
  ])('$name', async ({ annotations, enable, want }) => {
    expect(await admitted({ annotations, enable })).toEqual(want);
  });
});
