import { describe, expect, it } from 'vitest';
import { optedInPod, podCreate, replicaSetPod } from '../../../test/fixtures/admission/reviews.ts';
import { planReads } from './plan-reads.ts';

const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;
const RS = { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'default', name: 'pytorch-example-7d9f8b6c5d' };
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
