import { describe, expect, it } from 'vitest';
import type { JsonValue } from './json-patch.ts';
import { ALLOCATION_GATE, mutatePod, POD_INFO_VOLUME, type PodMutation } from './mutate-pod.ts';

const mutation: PodMutation = {
  annotations: { a: '1' }, labels: { l: 'x' }, env: [{ name: 'TF_QOS', value: 'low' }], injectContainers: ['main'], priorityClassName: undefined,
};

describe('Function: mutatePod()', () => {
  it('builds what a pod without metadata, spec or containers lacks', () => {
    const pod = mutatePod({}, mutation) as { metadata: unknown; spec: { schedulingGates: unknown; volumes: { name: string }[] } };
    expect(pod.metadata).toEqual({ annotations: { a: '1' }, labels: { l: 'x' } });
    expect(pod.spec.schedulingGates).toEqual([{ name: ALLOCATION_GATE }]);
    expect(pod.spec.volumes.map((volume) => volume.name)).toEqual([POD_INFO_VOLUME]);
  });

  it('keeps an existing gate once, other gates, and containers without resources', () => {
    const before: JsonValue = { spec: { schedulingGates: [{ name: 'other' }, { name: ALLOCATION_GATE }], containers: [{ name: 'main' }] } };
    const pod = mutatePod(before, mutation) as { spec: { schedulingGates: unknown; containers: Record<string, unknown>[] } };
    expect(pod.spec.schedulingGates).toEqual([{ name: 'other' }, { name: ALLOCATION_GATE }]);
    expect(pod.spec.containers[0]).toEqual({
      name: 'main', env: [{ name: 'TF_QOS', value: 'low' }], volumeMounts: [{ name: POD_INFO_VOLUME, mountPath: '/etc/tensor-fusion/pod', readOnly: true }],
    });
  });

  it.each([
    { name: 'limits only', resources: { limits: { 'nvidia.com/gpu': '1', cpu: '1' } }, after: { limits: { cpu: '1' } } },
    { name: 'requests only', resources: { requests: { 'amd.com/gpu': '1' } }, after: { requests: {} } },
    { name: 'neither', resources: { claims: [] }, after: { claims: [] } },
  ])('strips vendor GPUs from resources with $name', ({ resources, after }) => {
    const pod = mutatePod({ spec: { containers: [{ name: 'main', resources }] } }, mutation) as { spec: { containers: { resources: unknown }[] } };
    expect(pod.spec.containers[0]?.resources).toEqual(after);
  });

  it('sets the priority class on a pod whose class is the empty string', () => {
    const pod = mutatePod({ spec: { priorityClassName: '', priority: 0 } }, { ...mutation, priorityClassName: 'tensor-fusion-high' }) as { spec: Record<string, unknown> };
    expect(pod.spec['priorityClassName']).toBe('tensor-fusion-high');
    expect(pod.spec).not.toHaveProperty('priority');
  });

  it('does not change its input', () => {
    const before: JsonValue = { metadata: { annotations: { b: '2' } }, spec: { containers: [{ name: 'main', resources: { limits: { 'nvidia.com/gpu': '1' } } }] } };
    const copy = structuredClone(before);
    mutatePod(before, mutation);
    expect(before).toEqual(copy);
  });
});
