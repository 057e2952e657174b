import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../../test/fixtures/admission/json-patch.ts';
import { defaultPool, optedInPod, podCreate, replicaSetOwner, replicaSetPod, seedProfile } from '../../../test/fixtures/admission/reviews.ts';
import { admitPod, type AdmissionDecision, type AdmissionInput } from './admit-pod.ts';
import { readPod } from './read-pod.ts';
import type { JsonValue } from './json-patch.ts';

const pools = [defaultPool()];
const seedInput = (): AdmissionInput => ({ request: podCreate(replicaSetPod()), profile: seedProfile(), pools, owner: replicaSetOwner() });
const withoutProfile = (input: AdmissionInput): AdmissionInput => ({ request: input.request, pools, owner: replicaSetOwner() });
const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;

function allowed(decision: AdmissionDecision): Extract<AdmissionDecision, { verdict: 'allow' }> {
  if (decision.verdict !== 'allow') throw new Error(`denied: ${decision.message}`);
  return decision;
}

describe('Function: admitPod() — pods that are not ours pass untouched', () => {
  const pod = optedInPod({ [tf('tflops-request')]: '1' });
  it.each([
    { name: 'an UPDATE', input: { request: podCreate(pod, { operation: 'UPDATE' }) }, reason: 'not-a-pod-create', warnings: [] },
    { name: 'a subresource (pods/ephemeralcontainers)', input: { request: podCreate(pod, { subResource: 'ephemeralcontainers' }) }, reason: 'not-a-pod-create', warnings: [] },
    { name: 'another kind', input: { request: { ...podCreate(pod), kind: { group: 'apps', version: 'v1', kind: 'Deployment' } } }, reason: 'not-a-pod-create', warnings: [] },
    { name: 'a request without an object', input: { request: { ...podCreate(pod), object: null } }, reason: 'not-a-pod-create', warnings: [] },
    { name: 'a pod without the opt-in label', input: { request: podCreate(optedInPod({}, { labels: { 'tensor-fusion.ai/enabled': 'false' } })) }, reason: 'not-opted-in', warnings: [] },
    { name: 'a pod with no labels', input: { request: podCreate({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', resources: { limits: { 'nvidia.com/gpu': '1' } } }] } }) }, reason: 'not-opted-in', warnings: [] },
    {
      name: 'an odd opt-in value passes with a warning', input: { request: podCreate(optedInPod({}, { labels: { 'tensor-fusion.ai/enabled': 'yes' } })) }, reason: 'not-opted-in',
      warnings: ['label tensor-fusion.ai/enabled must be "true" or "false"; the pod is left unchanged, got "yes"'],
    },
  ])('$name', ({ input, reason, warnings }) => {
    expect(admitPod(input)).toEqual({ verdict: 'allow', reason, patch: [], warnings });
  });
});

describe('Function: admitPod() — denials name key, rule and value', () => {
  it.each([
    {
      name: 'a missing WorkloadProfile', input: withoutProfile(seedInput()), code: 'NOT_FOUND',
      fragments: ['tensor-fusion.ai/workload-profile must name a WorkloadProfile in the pod\'s namespace (default), got "default-profile"'],
    },
    {
      name: 'a profile from another namespace', input: { ...seedInput(), profile: seedProfile('other') }, code: 'NOT_FOUND',
      fragments: ['tensor-fusion.ai/workload-profile must name a WorkloadProfile in the pod\'s namespace (default)'],
    },
    {
      name: 'vram-request 4GB, request above limit and an unknown qos: every issue, joined', code: 'INVALID_INPUT',
      input: { ...seedInput(), request: podCreate(replicaSetPod({ annotations: { [tf('vram-request')]: '4GB', [tf('tflops-request')]: '30', [tf('qos')]: 'urgent' } })) },
      fragments: [
        'tensor-fusion.ai/vram-request must be a byte quantity like 4Gi or 512Mi (Kubernetes quantity; use Gi, not GB), got "4GB"; ',
        'tensor-fusion.ai/qos must be one of low, medium, high, critical, got "urgent"',
        'tensor-fusion.ai/tflops-request must be at most tensor-fusion.ai/tflops-limit (20), got "30"',
      ],
    },
    {
      name: 'a pool that does not exist', code: 'NOT_FOUND',
      input: { request: podCreate(optedInPod({ [tf('tflops-request')]: '1', [tf('gpupool')]: 'nope' })), pools },
      fragments: ['tensor-fusion.ai/gpupool must name an existing GPUPool (default-pool), got "nope"'],
    },
    {
      name: 'no default pool', code: 'NOT_FOUND', input: { request: podCreate(optedInPod({ [tf('tflops-request')]: '1' })), pools: [] },
      fragments: ['tensor-fusion.ai/gpupool must be set: no GPUPool is marked default'],
    },
    {
      name: 'enabled-replicas on a pod without a controller owner', code: 'INVALID_INPUT',
      input: { request: podCreate(optedInPod({ [tf('tflops-request')]: '1', [tf('enabled-replicas')]: '1' })), pools },
      fragments: ['tensor-fusion.ai/enabled-replicas must be set only on pods with a controller owner (a ReplicaSet, StatefulSet or Job keeps the count), got "1"'],
    },
    {
      name: 'enabled-replicas whose owner was not read (gone)', code: 'NOT_FOUND',
      input: { request: podCreate(replicaSetPod({ annotations: { [tf('enabled-replicas')]: '1' } })), profile: seedProfile(), pools },
      fragments: ['tensor-fusion.ai/enabled-replicas must count pods on the pod\'s owner ReplicaSet pytorch-example-7d9f8b6c5d, which was not found, got "1"'],
    },
    {
      name: 'enabled-replicas with a different owner read', code: 'NOT_FOUND',
      input: { request: podCreate(replicaSetPod({ annotations: { [tf('enabled-replicas')]: '1' } })), profile: seedProfile(), pools, owner: replicaSetOwner({ hash: 'other' }) },
      fragments: ['which was not found'],
    },
    {
      name: 'a pod the schema cannot read', code: 'INVALID_INPUT',
      input: { request: podCreate({ metadata: { labels: { 'tensor-fusion.ai/enabled': 'true' }, annotations: { [tf('qos')]: 3 } } }) },
      fragments: ['object.metadata.annotations["tensor-fusion.ai/qos"] must be a string (quote values like "true" and "1"), got 3'],
    },
  ])('$name', ({ input, code, fragments }) => {
    const decision = admitPod(input);
    expect(decision).toMatchObject({ verdict: 'deny', code });
    for (const fragment of fragments) expect(decision.verdict === 'deny' ? decision.message : '').toContain(fragment);
  });

  it('carries resolution warnings with a denial', () => {
    const decision = admitPod(withoutProfile({ ...seedInput(), request: podCreate(replicaSetPod({ annotations: { [tf('qoss')]: 'high' } })) }));
    expect(decision.warnings).toEqual(['tensor-fusion.ai/qoss must be a known tensor-fusion.ai annotation (did you mean tensor-fusion.ai/qos?); it is ignored, got "high"']);
  });
});

describe('Function: admitPod() — the seed Deployment\'s pod', () => {
  it('answers with the whole patch: annotations, label, env, mount, gate and volume', () => {
    const decision = allowed(admitPod(seedInput()));
    expect(decision.reason).toBe('mutated');
    expect(decision.patch).toEqual([
      { op: 'add', path: '/metadata/labels/tensor-fusion.ai~1workload', value: 'pytorch-example' },
      { op: 'add', path: '/metadata/annotations/tensor-fusion.ai~1gpupool', value: 'default-pool' },
      { op: 'add', path: '/metadata/annotations/tensor-fusion.ai~1gpu-model', value: 'A100' },
      { op: 'add', path: '/metadata/annotations/tensor-fusion.ai~1standalone-worker-mode', value: 'false' },
      { op: 'add', path: '/metadata/annotations/tensor-fusion.ai~1isolation', value: 'soft' },
      { op: 'add', path: '/spec/containers/0/env', value: [
        { name: 'TF_TFLOPS_REQUEST', value: '10' }, { name: 'TF_TFLOPS_LIMIT', value: '20' },
        { name: 'TF_VRAM_REQUEST_BYTES', value: '4294967296' }, { name: 'TF_VRAM_LIMIT_BYTES', value: '4294967296' },
        { name: 'TF_GPU_COUNT', value: '1' }, { name: 'TF_GPU_MODEL', value: 'A100' }, { name: 'TF_QOS', value: 'medium' },
        { name: 'TF_ISOLATION_MODE', value: 'soft' }, { name: 'TF_IS_LOCAL_GPU', value: 'true' }, { name: 'TF_STANDALONE_WORKER', value: 'false' },
        { name: 'TF_GPU_POOL', value: 'default-pool' }, { name: 'TF_WORKLOAD', value: 'pytorch-example' },
        { name: 'TF_POD_ANNOTATIONS_FILE', value: '/etc/tensor-fusion/pod/annotations' },
      ] },
      { op: 'add', path: '/spec/containers/0/volumeMounts', value: [{ name: 'tensor-fusion-pod-info', mountPath: '/etc/tensor-fusion/pod', readOnly: true }] },
      { op: 'add', path: '/spec/schedulingGates', value: [{ name: 'tensor-fusion.ai/allocation' }] },
      { op: 'add', path: '/spec/volumes', value: [{ name: 'tensor-fusion-pod-info', downwardAPI: { defaultMode: 420, items: [
        { path: 'annotations', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.annotations' } },
        { path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } },
      ] } }] },
    ]);
    expect(decision.warnings).toEqual([]);
    expect(decision).not.toHaveProperty('ownerUpdate');
  });

  it('keeps the seed\'s own annotation values and writes the profile\'s where the pod states none (annotation over profile)', () => {
    const pod = applyJsonPatch(replicaSetPod() as JsonValue, allowed(admitPod(seedInput())).patch) as { metadata: { annotations: Record<string, string> } };
    expect(pod.metadata.annotations).toMatchObject({
      [tf('tflops-request')]: '10', [tf('tflops-limit')]: '20', [tf('vram-request')]: '4Gi', [tf('vram-limit')]: '4Gi',
      [tf('qos')]: 'medium', [tf('gpu-count')]: '1', [tf('is-local-gpu')]: 'true', [tf('gpu-model')]: 'A100', [tf('inject-container')]: 'python',
    });
  });

  it('gives the same decision for the same input (safe to retry)', () => {
    expect(admitPod(seedInput())).toEqual(admitPod(seedInput()));
  });

  it('takes the namespace from the request when the pod has none', () => {
    const pod = replicaSetPod();
    delete (pod['metadata'] as Record<string, unknown>)['namespace'];
    expect(allowed(admitPod({ ...seedInput(), request: podCreate(pod, { namespace: 'default' }) })).reason).toBe('mutated');
  });

  it('resolves a pod with neither pod nor request namespace against namespace-less profiles', () => {
    const pod = optedInPod({ [tf('tflops-request')]: '1' });
    delete (pod['metadata'] as Record<string, unknown>)['namespace'];
    const request = podCreate(pod);
    delete (request as { namespace?: string }).namespace;
    expect(allowed(admitPod({ request, pools })).reason).toBe('mutated');
  });
});

describe('Function: admitPod() — enabled-replicas with claim times and listed holders', () => {
  const KEY = 'tensor-fusion.ai/tf-counter-7d9f8b6c5d';
  const NOW = new Date(1_764_346_800_000);
  const grey = (slots: string, extra: Partial<AdmissionInput> = {}): AdmissionInput => ({
    request: podCreate(replicaSetPod({ annotations: { [tf('enabled-replicas')]: '1' } }), { uid: 'u-new' }),
    profile: seedProfile(), pools, owner: replicaSetOwner({ annotations: { [KEY]: slots } }), now: NOW, ...extra,
  });
  const withoutTime = (input: AdmissionInput): AdmissionInput => Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'now')) as unknown as AdmissionInput;
  const stampedAgo = (seconds: number): string => `u-old.${(NOW.getTime() / 1000 - seconds).toString(36)}`;

  it.each<{ name: string; input: AdmissionInput; claim: string | undefined; query: boolean }>([
    { name: 'a free slot is claimed with the admission time', input: grey(''), claim: 'u-new.t6g2pc', query: false },
    { name: 'all taken, holders not listed yet: asks for the listing', input: grey('u-old'), claim: undefined, query: true },
    { name: 'all taken, the holder listed and terminating: takes its slot', input: grey('u-old', { slotHolders: [{ mark: `${KEY}#u-old`, terminating: true }] }), claim: 'u-new.t6g2pc', query: false },
    { name: 'all taken, no holder listed, claimed past the default grace: takes the slot', input: grey(stampedAgo(46), { slotHolders: [] }), claim: 'u-new.t6g2pc', query: false },
    { name: 'all taken, no holder listed, within the default grace: stays full', input: grey(stampedAgo(45), { slotHolders: [] }), claim: undefined, query: false },
    { name: 'a shorter grace frees a younger claim', input: grey(stampedAgo(10), { slotHolders: [], slotClaimGraceSeconds: 5 }), claim: 'u-new.t6g2pc', query: false },
    { name: 'without an admission time no claim is old enough', input: withoutTime(grey(stampedAgo(600), { slotHolders: [] })), claim: undefined, query: false },
  ])('$name', ({ input, claim, query }) => {
    const decision = allowed(admitPod(input));
    expect(decision.ownerUpdate?.annotations[KEY]?.split(',').at(-1)).toBe(claim);
    expect(decision.slotHolderQuery !== undefined).toBe(query);
    if (query) expect(decision.slotHolderQuery).toEqual({ namespace: 'default', labelSelector: 'pod-template-hash=7d9f8b6c5d' });
  });
});

describe('Function: admitPod() — a pod already read', () => {
  it('decides the same with the read handed in as when it parses the request itself', () => {
    const input = seedInput();
    expect(admitPod({ ...input, read: readPod(input.request) })).toEqual(admitPod(input));
  });
});
