import { describe, expect, it } from 'vitest';
import { workloadsContract } from '../../../test/contracts/workloads.contract.ts';
import { AppError } from '../../core/errors.ts';
import { podSchema } from '../../schemas/pod.ts';
import { createMemoryWorkloads } from './workloads.ts';

workloadsContract('memory', async () => {
  const workloads = createMemoryWorkloads();
  return {
    workloads, namespace: 'ns',
    createPod: async (name, { labels, annotations }) => workloads.putPod({ uid: `uid-${name}`, createdMs: 0, readiness: 'unready', pod: podSchema.parse({ metadata: { name, namespace: 'ns', labels, annotations } }) }),
    createDeployment: async (name, replicas) => {
      const reference = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ns', name };
      workloads.putScale(reference, replicas);
      return reference;
    },
  };
});

describe('Adapter: memory workloads', () => {
  it('records patches and fails a method on demand', async () => {
    const workloads = createMemoryWorkloads();
    workloads.putPod({ uid: 'u', createdMs: 0, readiness: 'ready', pod: podSchema.parse({ metadata: { name: 'p', namespace: 'ns' } }) });
    await workloads.patchPodAnnotations('ns', 'p', { a: '1' });
    expect(workloads.patches).toEqual([{ namespace: 'ns', name: 'p', annotations: { a: '1' } }]);
    workloads.failWith.getPod = new AppError('THROTTLED', 'slow down');
    await expect(workloads.getPod('ns', 'p')).rejects.toThrow('slow down');
    await expect(workloads.setScale({ reference: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ns', name: 'x' }, replicas: 1, resourceVersion: '1' })).rejects.toThrow('not found');
  });
});
