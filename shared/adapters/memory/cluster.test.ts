import { describe, expect, it } from 'vitest';
import { defaultPool, replicaSetOwner, seedProfile } from '../../../test/fixtures/admission/reviews.ts';
import { AppError } from '../../core/errors.ts';
import { clusterContract } from '../../../test/fixtures/admission/cluster-contract.ts';
import { createMemoryCluster } from './cluster.ts';

describe('Adapter: memory cluster', () => {
  it('finds profiles by namespace and name, lists pools, and counts calls', async () => {
    const cluster = createMemoryCluster({ profiles: [seedProfile('team-a')], pools: [defaultPool()] });
    expect((await cluster.getWorkloadProfile('team-a', 'default-profile'))?.metadata.name).toBe('default-profile');
    expect(await cluster.getWorkloadProfile('default', 'default-profile')).toBeUndefined();
    expect((await cluster.listGpuPools()).map((pool) => pool.metadata.name)).toEqual(['default-pool']);
    expect(cluster.calls).toMatchObject({ getWorkloadProfile: 2, listGpuPools: 1 });
  });

  it('writes owner annotations under the expected resourceVersion; null removes one', async () => {
    const owner = replicaSetOwner({ annotations: { keep: 'yes', drop: 'x' } });
    const cluster = createMemoryCluster({ owners: [owner] });
    const written = await cluster.updateOwnerAnnotations({ reference: owner.reference, resourceVersion: '100', annotations: { added: '1', drop: null } });
    expect(written).toMatchObject({ resourceVersion: '101', annotations: { keep: 'yes', added: '1' } });
    expect(await cluster.getOwner(owner.reference)).toEqual(written);
    expect(cluster.owner(owner.reference)).toEqual(written);
  });

  it.each([
    { name: 'a stale resourceVersion is a VERSION_CONFLICT', resourceVersion: '99', present: true, code: 'VERSION_CONFLICT', message: 'the object has been modified (resourceVersion 100, expected 99)' },
    { name: 'a missing owner is NOT_FOUND', resourceVersion: '100', present: false, code: 'NOT_FOUND', message: 'not found' },
  ])('$name', async ({ resourceVersion, present, code, message }) => {
    const owner = replicaSetOwner();
    const cluster = createMemoryCluster(present ? { owners: [owner] } : {});
    const error = await cluster.updateOwnerAnnotations({ reference: owner.reference, resourceVersion, annotations: { a: '1' } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code });
    expect((error as AppError).message).toContain(message);
  });

  it('hands out read-only objects, decoupled from what was put', async () => {
    const owner = replicaSetOwner();
    const cluster = createMemoryCluster({ owners: [owner] });
    (owner.annotations as Record<string, string>)['late'] = 'change';
    const read = await cluster.getOwner(owner.reference);
    expect(read?.annotations).toEqual({});
    expect(() => { (read?.annotations as Record<string, string>)['x'] = 'changed'; }).toThrow(TypeError);
  });
});

clusterContract('memory', () => {
  const cluster = createMemoryCluster();
  return Promise.resolve({
    cluster, namespace: 'contract',
    putProfile: (profile) => Promise.resolve(cluster.putProfile(profile)),
    putPool: (pool) => Promise.resolve(cluster.putPool(pool)),
    putReplicaSet: (name, annotations) => {
      const reference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'contract', name };
      cluster.putOwner({ reference, resourceVersion: '1', annotations, ownerReferences: [] });
      return Promise.resolve(reference);
    },
    putPod: (name, { labels, annotations, terminating = false }) =>
      Promise.resolve(cluster.putPod({ namespace: 'contract', name, uid: `uid-${name}`, labels, annotations, terminating })),
  });
}, { profile: seedProfile, pool: () => defaultPool() });
