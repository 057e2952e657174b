import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_KEYS } from '../../schemas/annotation-keys.ts';
import { profile } from '../../../test/fixtures/resolve-inputs.ts';
import { resolveWorkload } from './resolve-workload.ts';

const KEYS = [...Object.values(ANNOTATION_KEYS), 'tensor-fusion.ai/gpu-ids', 'tensor-fusion.ai/typo', 'other.io/x'];
const VALUES = ['', '0', '1', '4', '10', '129', '-1', '4Gi', '4GB', '500m', '1e3', 'true', 'false', 'A100', 'H100,A100', 'low', 'high',
  'critical', 'shared', 'hard', 'compute', 'tflops', 'gpu-limiter', 'python', 'a,b', '0,1', 'default-pool', 'profile', ' '];

const annotationMap = fc.dictionary(
  fc.oneof(fc.constantFrom(...KEYS), fc.string()),
  fc.oneof(fc.constantFrom(...VALUES), fc.string()),
  { maxKeys: 20 },
);
const labels = fc.dictionary(fc.oneof(fc.constant('tensor-fusion.ai/enabled'), fc.string()), fc.oneof(fc.constantFrom('true', 'false'), fc.string()), { maxKeys: 3 });
const containers = fc.array(fc.record({ name: fc.constantFrom('python', 'a', 'b', 'app') }), { maxLength: 3 });

const arbitraryPod = fc.record({ annotations: annotationMap, labels, containers }).map(({ annotations, labels: podLabels, containers: list }) => ({
  metadata: { name: 'p', namespace: 'ns', annotations, labels: podLabels },
  spec: { containers: list },
}));

describe('Function: resolveWorkload() — properties', () => {
  it('never throws on arbitrary string maps: it returns a spec or issues', () => {
    fc.assert(fc.property(arbitraryPod, fc.boolean(), (pod, withProfile) => {
      const result = resolveWorkload(pod, withProfile ? { profile: profile({ resources: { limits: { tflops: '50', vram: '8Gi' } } }) } : {});
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
    }), { numRuns: 3000 });
  });

  it('a resolved spec keeps its invariants: requests within limits, count in 1-128, totals = per GPU x count', () => {
    fc.assert(fc.property(arbitraryPod, (pod) => {
      const result = resolveWorkload(pod);
      if (!result.ok) return;
      const { requests, limits, gpuCount, totals } = result.spec;
      expect(gpuCount).toBeGreaterThanOrEqual(1);
      expect(gpuCount).toBeLessThanOrEqual(128);
      expect(requests.vramBytes).toBeLessThanOrEqual(limits.vramBytes);
      expect(requests.tflopsMilli).toBeLessThanOrEqual(limits.tflopsMilli);
      expect(requests.computePercentMilli).toBeLessThanOrEqual(limits.computePercentMilli);
      expect(requests.tflopsMilli > 0 && requests.computePercentMilli > 0).toBe(false);
      expect(totals.requests.vramBytes).toBe(requests.vramBytes * gpuCount);
      expect(totals.limits.tflopsMilli).toBe(limits.tflopsMilli * gpuCount);
    }), { numRuns: 3000 });
  });

  it('is deterministic: the same input gives the same result', () => {
    fc.assert(fc.property(arbitraryPod, (pod) => {
      expect(resolveWorkload(pod)).toEqual(resolveWorkload(structuredClone(pod)));
    }), { numRuns: 500 });
  });
});
