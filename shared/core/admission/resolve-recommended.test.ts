import { describe, expect, it } from 'vitest';
import { autoscaledPod, ownerWith, recordWith, tf } from '../../../test/fixtures/admission/recommended.ts';
import { formatIssue } from '../model/issue.ts';
import { resolveRecommended } from './resolve-recommended.ts';

const GIB = 1024 ** 3;
/** The template's values: 20/40 TFLOPS, 4Gi/8Gi. */
const TEMPLATE = { tflops: [20_000, 40_000], vram: [4 * GIB, 8 * GIB] };
const RECOMMENDED = { tflops: [30_000, 60_000], vram: [6 * GIB, 12 * GIB] };

describe('Function: resolveRecommended() — new pods of an autoscaled workload', () => {
  it.each([
    { name: 'target all: the recorded compute and VRAM replace the template\'s', want: RECOMMENDED },
    { name: 'target compute: only the compute keys', annotations: { [tf('autoscale-target')]: 'compute' }, want: { tflops: RECOMMENDED.tflops, vram: TEMPLATE.vram } },
    { name: 'target vram: only the VRAM keys', annotations: { [tf('autoscale-target')]: 'vram' }, want: { tflops: TEMPLATE.tflops, vram: RECOMMENDED.vram } },
    {
      name: 'a record of compute only leaves the VRAM of a target all alone',
      owner: ownerWith(recordWith({ annotations: { [tf('tflops-request')]: '30', [tf('tflops-limit')]: '60' } })), want: { tflops: RECOMMENDED.tflops, vram: TEMPLATE.vram },
    },
    {
      name: 'a StatefulSet\'s pod of the recorded controller revision',
      labels: { 'pod-template-hash': null, 'controller-revision-hash': 'web-6c8d' }, controller: { kind: 'StatefulSet', name: 'web' },
      owner: ownerWith(recordWith({ template: 'web-6c8d' }), { kind: 'StatefulSet', name: 'web' }), want: RECOMMENDED,
    },
    {
      name: 'a Job\'s pod (no template label), the record naming none',
      labels: { 'pod-template-hash': null }, controller: { kind: 'Job', name: 'web-abc' }, owner: ownerWith(recordWith({ template: undefined }), { kind: 'Job' }), want: RECOMMENDED,
    },
    { name: 'auto-resources off: the template\'s values', annotations: { [tf('auto-resources')]: 'false' }, want: TEMPLATE },
    { name: 'auto-resources not stated (off by default): the template\'s values', annotations: { [tf('auto-resources')]: null }, want: TEMPLATE },
    { name: 'a new template (another pod-template-hash): its own values', labels: { 'pod-template-hash': 'def' }, want: TEMPLATE },
    { name: 'a record for a template while the pod names none: its own values', labels: { 'pod-template-hash': null }, want: TEMPLATE },
    { name: 'no record on the owner', owner: ownerWith(undefined), want: TEMPLATE },
    { name: 'no owner read', owner: null, want: TEMPLATE },
    { name: 'the owner read is not the pod\'s controller', owner: ownerWith(recordWith(), { name: 'web-other' }), want: TEMPLATE },
    { name: 'a bare pod', controller: null, want: TEMPLATE },
  ])('$name', ({ annotations, labels, controller, owner, want }) => {
    const pod = autoscaledPod({ annotations, labels, owner: controller });
    const resolution = resolveRecommended(pod, { owner: owner === null ? undefined : owner ?? ownerWith(recordWith()) });
    if (!resolution.ok) throw new Error(JSON.stringify(resolution.issues));
    const { requests, limits } = resolution.spec;
    expect({ tflops: [requests.tflopsMilli, limits.tflopsMilli], vram: [requests.vramBytes, limits.vramBytes] }).toEqual(want);
    expect(resolution.warnings).toEqual([]);
  });

  it('a dedicated-GPU pod is never overlaid: its amounts stay implicit', () => {
    const pod = autoscaledPod({ annotations: { [tf('dedicated-gpu')]: 'true', [tf('tflops-request')]: null, [tf('tflops-limit')]: null, [tf('vram-request')]: null, [tf('vram-limit')]: null } });
    const resolution = resolveRecommended(pod, { owner: ownerWith(recordWith()) });
    expect(resolution).toMatchObject({ ok: true, spec: { dedicatedGpu: true, requests: { tflopsMilli: 312_000 }, limits: { vramBytes: 40 * GIB } }, warnings: [] });
  });

  it.each([
    { name: 'not JSON', text: '{tflops', says: 'annotation tensor-fusion.ai/recommended-resources on ReplicaSet ml/web-abc must be JSON, got "{tflops"' },
    { name: 'breaks the record\'s schema', text: JSON.stringify({ annotations: { [tf('qos')]: 'high' }, appliedAt: 'yesterday' }), says: 'appliedAt must be an ISO 8601 instant, got "yesterday"' },
    { name: 'values that are no quantities', text: JSON.stringify({ ...recordWith(), annotations: { [tf('vram-limit')]: '12GB' } }), says: 'tensor-fusion.ai/vram-limit must be a byte quantity like 4Gi' },
    { name: 'a limit below the request', text: JSON.stringify({ ...recordWith(), annotations: { [tf('tflops-request')]: '90', [tf('tflops-limit')]: '60' } }), says: 'tensor-fusion.ai/tflops-request must be at most tensor-fusion.ai/tflops-limit (60), got "90"' },
    { name: 'more than the GPU holds', text: JSON.stringify({ ...recordWith(), annotations: { [tf('vram-request')]: '90Gi', [tf('vram-limit')]: '90Gi' } }), says: 'tensor-fusion.ai/vram-limit must fit on one GPU of the allowed models' },
  ])('a record that $name is ignored with a warning, never a denial', ({ text, says }) => {
    const resolution = resolveRecommended(autoscaledPod(), { owner: ownerWith(text) });
    if (!resolution.ok) throw new Error(JSON.stringify(resolution.issues));
    expect([resolution.spec.requests.tflopsMilli, resolution.spec.limits.vramBytes]).toEqual([TEMPLATE.tflops[0], TEMPLATE.vram[1]]);
    const [warning] = resolution.warnings.map(formatIssue);
    expect(warning).toMatch(/^annotation tensor-fusion\.ai\/recommended-resources on ReplicaSet ml\/web-abc must hold resource values that resolve for this pod; it is ignored and the template's values are used \(/);
    expect(warning).toContain(says);
  });

  it('a pod that does not resolve is denied for its own issues, whatever the record', () => {
    const resolution = resolveRecommended(autoscaledPod({ annotations: { [tf('tflops-limit')]: '10' } }), { owner: ownerWith(recordWith()) });
    expect(resolution.ok).toBe(false);
  });

  it('resolving the overlaid pod again gives the same values (a fixed point for reinvocation)', () => {
    const pod = autoscaledPod({ annotations: recordWith().annotations });
    const resolution = resolveRecommended(pod, { owner: ownerWith(recordWith()) });
    expect(resolution.ok && [resolution.spec.requests.tflopsMilli, resolution.spec.limits.vramBytes]).toEqual([RECOMMENDED.tflops[0], RECOMMENDED.vram[1]]);
    expect(resolution.ok && resolution.warnings).toEqual([]);
  });
});
