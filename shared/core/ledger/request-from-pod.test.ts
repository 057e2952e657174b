import { describe, expect, it } from 'vitest';
import { buildPod } from '../../../test/fixtures/events.ts';
import { requestFromPod } from './request-from-pod.ts';

const annotations = { 'tensor-fusion.ai/tflops-request': '10', 'tensor-fusion.ai/vram-request': '4Gi' };
const podWith = (spec: unknown, extra: Record<string, string> = annotations) => {
  const base = buildPod();
  return { ...base, metadata: { ...base.metadata, annotations: extra }, spec };
};
const term = { matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['a'] }], matchFields: [{ key: 'metadata.name', operator: 'NotIn' as const, values: ['n9'] }] };

describe('Function: requestFromPod()', () => {
  it.each([
    { name: 'a pod without constraints', spec: { containers: [] }, constraints: { nodeSelector: {}, requiredNodeAffinity: [], tolerations: [] } },
    { name: 'a pod without a spec', spec: undefined, constraints: { nodeSelector: {}, requiredNodeAffinity: [], tolerations: [] } },
    {
      name: 'nodeSelector, required node affinity and tolerations (preferred affinity and pod affinity ignored)',
      spec: {
        containers: [], nodeSelector: { 'gpu.class': 'big' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'training', effect: 'NoSchedule', tolerationSeconds: 30 }],
        affinity: {
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] }, preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: term }] },
          podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [] },
        },
      },
      constraints: { nodeSelector: { 'gpu.class': 'big' }, requiredNodeAffinity: [term], tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'training', effect: 'NoSchedule' }] },
    },
    { name: 'an affinity with only preferred terms', spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } } }, constraints: { requiredNodeAffinity: [] } },
  ])('reads $name', ({ spec, constraints }) => {
    expect(requestFromPod(podWith(spec))).toMatchObject({ ok: true, request: { perGpu: { tflopsMilli: 10_000 }, ...constraints } });
  });

  it.each([
    { name: 'annotations that make no request', pod: podWith({}, {}), input: 'annotations', fragment: 'must be set (admission writes them)' },
    { name: 'a pod without annotations', pod: { ...buildPod(), metadata: { name: 'p', namespace: 'ml', uid: 'u', resourceVersion: '1' } }, input: 'annotations', fragment: 'must be set (admission writes them)' },
    { name: 'an unknown affinity operator', pod: podWith({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Near' }] }] } } } }), input: 'pod-spec', fragment: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator must be In, NotIn, Exists, DoesNotExist, Gt or Lt' },
    { name: 'a nodeSelector value that is no string', pod: podWith({ nodeSelector: { zone: 1 } }), input: 'pod-spec', fragment: 'spec.nodeSelector.zone must be a string' },
  ])('reports $name as its input, with the field', ({ pod, input, fragment }) => {
    expect(requestFromPod(pod)).toEqual({ ok: false, input, message: expect.stringContaining(fragment) });
  });
});
