// Admission may run twice (API server reinvocation, client retries): admitting an admitted pod must give an
// empty patch, and the grey-release slot must be claimed once.
import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../../test/fixtures/admission/json-patch.ts';
import { defaultPool, optedInPod, podCreate, replicaSetOwner, replicaSetPod, seedProfile } from '../../../test/fixtures/admission/reviews.ts';
import { admitPod, type AdmissionDecision, type AdmissionInput } from './admit-pod.ts';
import type { JsonValue } from './json-patch.ts';
import type { OwnerObject } from './owner.ts';

const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;
const pools = [defaultPool()];
const KEY = 'tensor-fusion.ai/tf-counter-7d9f8b6c5d';
const UID = '0f6c1f4e-1111-4b7a-9c1d-000000000001';

function patchOf(decision: AdmissionDecision): AdmissionDecision & { verdict: 'allow' } {
  if (decision.verdict !== 'allow') throw new Error(decision.message);
  return decision;
}

/** Admit, apply the patch (and what the API server adds on reinvocation), admit again under a new request uid. */
function admitTwice(input: AdmissionInput, afterFirst: (pod: Record<string, unknown>) => void = () => undefined) {
  const first = patchOf(admitPod(input));
  const pod = applyJsonPatch(input.request.object as JsonValue, first.patch) as Record<string, unknown>;
  afterFirst(pod);
  const owner = input.owner === undefined || first.ownerUpdate === undefined ? input.owner
    : { ...input.owner, annotations: { ...input.owner.annotations, ...first.ownerUpdate.annotations } as Record<string, string>, resourceVersion: '101' };
  const second = admitPod({ ...input, ...(owner === undefined ? {} : { owner }), request: podCreate(pod, { uid: 'another-request' }) });
  return { first, second };
}

const greyInput = (annotations: Record<string, string> = {}, owner: OwnerObject = replicaSetOwner(), options: { dryRun?: boolean } = {}): AdmissionInput => ({
  request: podCreate(replicaSetPod({ annotations: { [tf('enabled-replicas')]: '2', ...annotations } }), options), profile: seedProfile(), pools, owner,
});

describe('Function: admitPod() — admitting an admitted pod patches nothing', () => {
  it.each<{ name: string; input: AdmissionInput; afterFirst?: (pod: Record<string, unknown>) => void }>([
    { name: 'the seed Deployment\'s pod', input: { request: podCreate(replicaSetPod()), profile: seedProfile(), pools, owner: replicaSetOwner() } },
    { name: 'limits only (request copied)', input: { request: podCreate(optedInPod({ 'tensor-fusion.ai/tflops-limit': '7', 'tensor-fusion.ai/vram-limit': '2Gi' })), pools } },
    { name: 'a zero request beside a limit', input: { request: podCreate(optedInPod({ [tf('tflops-request')]: '0', [tf('tflops-limit')]: '4', [tf('vram-request')]: '1Gi' })), pools } },
    { name: 'compute percent', input: { request: podCreate(optedInPod({ [tf('compute-percent-limit')]: '30' })), pools } },
    {
      name: 'qos high, after the Priority plugin set spec.priority', input: { request: podCreate(optedInPod({ [tf('tflops-request')]: '1', [tf('qos')]: 'high' })), pools },
      afterFirst: (pod) => Object.assign(pod['spec'] as object, { priority: 10_000, preemptionPolicy: 'PreemptLowerPriority' }),
    },
    { name: 'dedicated-gpu', input: { request: podCreate(optedInPod({ [tf('dedicated-gpu')]: 'true', [tf('gpu-model')]: 'H100' })), pools } },
    { name: 'remote mode with a profile that asks for a sidecar', input: { request: podCreate(optedInPod({ [tf('tflops-request')]: '1', [tf('is-local-gpu')]: 'false' })), pools } },
    { name: 'sidecar-worker and hard isolation', input: { request: podCreate(optedInPod({ [tf('tflops-request')]: '1', [tf('sidecar-worker')]: 'true', [tf('isolation')]: 'hard' })), pools } },
    {
      name: 'native GPU limits (count, vendor and inject containers inferred, then stated)',
      input: { request: podCreate(optedInPod({ [tf('vram-request')]: '1Gi' }, { containers: [{ name: 'a' }, { name: 'b', resources: { limits: { 'nvidia.com/gpu': '2' } } }] })), pools },
    },
    { name: 'gpu-indices, partition and disable-features', input: { request: podCreate(optedInPod({ [tf('tflops-request')]: '1', [tf('gpu-indices')]: '1,2', [tf('isolation')]: 'partitioned', [tf('partition-id')]: 'p', [tf('disable-features')]: 'gpu-opt' })), pools } },
    { name: 'a grey-release pod that claimed its slot', input: greyInput() },
  ])('$name', ({ input, afterFirst }) => {
    const { first, second } = admitTwice(input, afterFirst);
    expect(first.patch.length).toBeGreaterThan(0);
    expect(second).toMatchObject({ verdict: 'allow', reason: 'mutated', patch: [] });
    expect(second).not.toHaveProperty('ownerUpdate');
  });
});

describe('Function: admitPod() — enabled-replicas', () => {
  it.each<{ name: string; input: AdmissionInput; expected: Partial<AdmissionDecision> & Record<string, unknown> }>([
    {
      name: 'a free slot: mutate, mark the pod, and claim it on the owner under its resourceVersion', input: greyInput(),
      expected: { reason: 'mutated', ownerUpdate: { reference: replicaSetOwner().reference, resourceVersion: '100', annotations: { [KEY]: UID } } },
    },
    {
      name: 'a dry run: the same mutation, no claim written', input: greyInput({}, replicaSetOwner(), { dryRun: true }),
      expected: { reason: 'mutated' },
    },
    {
      name: 'all slots taken: admitted unchanged, with a note', input: greyInput({}, replicaSetOwner({ annotations: { [KEY]: 'a,b' } })),
      expected: { reason: 'beyond-enabled-replicas', patch: [], warnings: ['tensor-fusion.ai/enabled-replicas: 2 of 2 pods of ReplicaSet pytorch-example-7d9f8b6c5d already hold a GPU share; this pod is admitted unchanged'] },
    },
    {
      name: 'a pod that holds its slot (re-admission) is mutated without a new claim', input: greyInput({ [tf('pod-counter-key')]: `${KEY}#a` }, replicaSetOwner({ annotations: { [KEY]: 'a,b' } })),
      expected: { reason: 'mutated' },
    },
  ])('$name', ({ input, expected }) => {
    const decision = admitPod(input);
    expect(decision).toMatchObject({ verdict: 'allow', ...expected });
    if (expected['ownerUpdate'] === undefined) expect(decision).not.toHaveProperty('ownerUpdate');
    if (decision.verdict === 'allow' && decision.reason === 'mutated') {
      const pod = applyJsonPatch(input.request.object as JsonValue, decision.patch) as { metadata: { annotations: Record<string, string> } };
      expect(pod.metadata.annotations[tf('pod-counter-key')]).toMatch(new RegExp(`^${KEY}#(${UID}|a)$`));
    }
  });

  it('enabled-replicas 0 never mutates', () => {
    expect(admitPod(greyInput({ [tf('enabled-replicas')]: '0' }))).toMatchObject({ verdict: 'allow', reason: 'beyond-enabled-replicas', patch: [] });
  });
});
