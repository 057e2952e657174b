import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../../test/fixtures/admission/json-patch.ts';
import { autoscaledPod, ownerWith, recordWith, tf } from '../../../test/fixtures/admission/recommended.ts';
import { podCreate } from '../../../test/fixtures/admission/reviews.ts';
import { admitPod, type AdmissionDecision } from './admit-pod.ts';
import type { JsonValue } from './json-patch.ts';

type Allowed = Extract<AdmissionDecision, { verdict: 'allow' }>;
const allowed = (decision: AdmissionDecision): Allowed => {
  if (decision.verdict !== 'allow') throw new Error(decision.message);
  return decision;
};
const valueAt = (decision: Allowed, path: string): unknown => {
  const found = decision.patch.find((operation) => operation.path === path);
  return found !== undefined && 'value' in found ? found.value : undefined;
};
const annotationPath = (suffix: string): string => `/metadata/annotations/tensor-fusion.ai~1${suffix}`;
const envOf = (decision: Allowed): unknown => valueAt(decision, '/spec/containers/0/env');

describe('Function: admitPod() — a new pod of a workload the recommender resized', () => {
  it('is admitted with the recommended values in its annotations and its limit env, not the template\'s', () => {
    const decision = allowed(admitPod({ request: podCreate(autoscaledPod()), owner: ownerWith(recordWith()) }));
    expect(['tflops-request', 'tflops-limit', 'vram-request', 'vram-limit'].map((suffix) => valueAt(decision, annotationPath(suffix)))).toEqual(['30', '60', '6Gi', '12Gi']);
    expect(envOf(decision)).toEqual(expect.arrayContaining([{ name: 'TF_TFLOPS_LIMIT', value: '60' }, { name: 'TF_VRAM_LIMIT_BYTES', value: String(12 * 1024 ** 3) }]));
    expect(decision.warnings).toEqual([]);
  });

  it('admitting the patched pod again changes nothing (reinvocation)', () => {
    const input = { request: podCreate(autoscaledPod()), owner: ownerWith(recordWith()) };
    const patched = applyJsonPatch(input.request.object as JsonValue, allowed(admitPod(input)).patch);
    expect(allowed(admitPod({ ...input, request: podCreate(patched as Record<string, unknown>) })).patch).toEqual([]);
  });

  it('a record it cannot use: the template\'s values, and the reason among the warnings', () => {
    const decision = allowed(admitPod({ request: podCreate(autoscaledPod()), owner: ownerWith('not json') }));
    expect(valueAt(decision, annotationPath('tflops-limit'))).toBeUndefined();
    expect(envOf(decision)).toEqual(expect.arrayContaining([{ name: 'TF_TFLOPS_LIMIT', value: '40' }]));
    expect(decision.warnings).toEqual([expect.stringContaining('annotation tensor-fusion.ai/recommended-resources on ReplicaSet ml/web-abc must hold resource values that resolve for this pod; it is ignored')]);
  });

  it('with auto-resources off the record is not read into the pod', () => {
    const decision = allowed(admitPod({ request: podCreate(autoscaledPod({ annotations: { [tf('auto-resources')]: 'false' } })), owner: ownerWith(recordWith()) }));
    expect(envOf(decision)).toEqual(expect.arrayContaining([{ name: 'TF_TFLOPS_LIMIT', value: '40' }]));
  });
});
