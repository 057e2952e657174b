import { describe, expect, it } from 'vitest';
import { optedInPod, podCreate, replicaSetPod } from '../../../test/fixtures/admission/reviews.ts';
import { profileWith } from '../../../test/fixtures/builders.ts';
import { ownerAfterProfile, planReads } from './plan-reads.ts';

const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;
const RS = { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'default', name: 'pytorch-example-7d9f8b6c5d' };
const STS = { apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'default', name: 'web' };
const PROFILE = { namespace: 'default', name: 'p' };
const owned = (kind: string, annotations: Record<string, string> = {}) => {
  const pod = optedInPod({ [tf('tflops-request')]: '1', ...annotations });
  (pod['metadata'] as Record<string, unknown>)['ownerReferences'] = [{ apiVersion: 'apps/v1', kind, name: 'web', controller: true }];
  return pod;
};

describe('Function: planReads()', () => {
  it.each([
    { name: 'nothing for a pod that is not ours', pod: optedInPod({}, { labels: { 'tensor-fusion.ai/enabled': 'false' } }), reads: { pools: false } },
    { name: 'pools only for a pod without annotations', pod: { metadata: { name: 'p', labels: { 'tensor-fusion.ai/enabled': 'true' } } }, reads: { pools: true } },
    { name: 'pools only for a bare pod', pod: optedInPod({ [tf('tflops-request')]: '1' }), reads: { pools: true } },
    { name: 'the named profile, in the pod\'s namespace', pod: optedInPod({ [tf('workload-profile')]: 'p' }), reads: { pools: true, profile: { namespace: 'default', name: 'p' } } },
    { name: 'no profile for an empty name', pod: optedInPod({ [tf('workload-profile')]: '' }), reads: { pools: true } },
    {
      name: 'the ReplicaSet, cached, to name the Deployment', pod: replicaSetPod({ annotations: { [tf('workload-profile')]: null } }),
      reads: { pools: true, owner: { reference: RS, fresh: false } },
    },
    { name: 'no owner read when the workload annotation names it', pod: replicaSetPod({ annotations: { [tf('workload-profile')]: null, [tf('workload')]: 'w' } }), reads: { pools: true } },
    { name: 'no owner read for a StatefulSet (its name is the workload)', pod: owned('StatefulSet'), reads: { pools: true } },
    {
      name: 'the owner, fresh, for enabled-replicas', pod: owned('StatefulSet', { [tf('enabled-replicas')]: '1' }),
      reads: { pools: true, owner: { reference: { apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'default', name: 'web' }, fresh: true } },
    },
    { name: 'no owner to read for enabled-replicas on a bare pod', pod: optedInPod({ [tf('enabled-replicas')]: '1' }), reads: { pools: true } },
    { name: 'auto-resources on: the controller, cached, for its recorded recommendation', pod: owned('StatefulSet', { [tf('auto-resources')]: 'true' }), reads: { pools: true, owner: { reference: STS, fresh: false } } },
    { name: 'auto-resources on by its alias autoscale', pod: owned('StatefulSet', { [tf('autoscale')]: 'true' }), reads: { pools: true, owner: { reference: STS, fresh: false } } },
    { name: 'auto-resources off: no owner read', pod: owned('StatefulSet', { [tf('auto-resources')]: 'false', [tf('workload-profile')]: 'p' }), reads: { pools: true, profile: PROFILE } },
    { name: 'auto-resources on, dedicated GPU (never resized): no owner read', pod: owned('StatefulSet', { [tf('auto-resources')]: 'true', [tf('dedicated-gpu')]: 'true' }), reads: { pools: true } },
    { name: 'auto-resources on, a bare pod: no owner to read', pod: optedInPod({ [tf('auto-resources')]: 'true' }), reads: { pools: true } },
    {
      name: 'auto-resources on, the owner already read fresh for enabled-replicas: that read serves',
      pod: owned('StatefulSet', { [tf('auto-resources')]: 'true', [tf('enabled-replicas')]: '1' }), reads: { pools: true, owner: { reference: STS, fresh: true } },
    },
    {
      name: 'auto-resources on, the ReplicaSet already read to name the Deployment: that read serves',
      pod: replicaSetPod({ annotations: { [tf('workload-profile')]: null, [tf('auto-resources')]: 'true' } }), reads: { pools: true, owner: { reference: RS, fresh: false } },
    },
    {
      name: 'auto-resources left to the profile: the controller, once the profile says it is on',
      pod: owned('StatefulSet', { [tf('workload-profile')]: 'p' }), reads: { pools: true, profile: PROFILE, ownerIfProfileAutoResources: STS },
    },
    { name: 'auto-resources not stated, no profile: off, no owner read', pod: owned('StatefulSet'), reads: { pools: true } },
  ])('$name', ({ pod, reads }) => expect(planReads(podCreate(pod))).toEqual(reads));

  it('reads in the request namespace when the pod states none', () => {
    const pod = optedInPod({ [tf('workload-profile')]: 'p' });
    delete (pod['metadata'] as Record<string, unknown>)['namespace'];
    expect(planReads(podCreate(pod, { namespace: 'team-a' })).profile).toEqual({ namespace: 'team-a', name: 'p' });
    const request = podCreate(pod);
    delete (request as { namespace?: string }).namespace;
    expect(planReads(request).profile).toEqual({ namespace: '', name: 'p' });
  });
});

describe('Function: ownerAfterProfile()', () => {
  const reads = { pools: true, ownerIfProfileAutoResources: STS };
  it.each([
    { name: 'the profile switches auto-resources on: the controller', profile: profileWith({ autoScalingConfig: { autoSetResources: { enable: true } } }), owner: STS },
    { name: 'the profile leaves it off', profile: profileWith({ autoScalingConfig: { autoSetResources: { enable: false } } }), owner: undefined },
    { name: 'the profile has no autoscaling', profile: profileWith({}), owner: undefined },
    { name: 'the profile was not found', profile: undefined, owner: undefined },
  ])('$name', ({ profile, owner }) => expect(ownerAfterProfile(reads, profile)).toEqual(owner));

  it('nothing when the plan has no owner waiting on the profile', () => {
    expect(ownerAfterProfile({ pools: true }, profileWith({ autoScalingConfig: { autoSetResources: { enable: true } } }))).toBeUndefined();
  });
});
