import { describe, expect, it } from 'vitest';
import { encodeChange, publishedObject } from './encode-event.ts';
import { watchedKind } from './watched-kinds.ts';

const stamp = { clusterId: 'lab-1', time: '2025-01-31T12:00:00.000Z', source: 'cluster-agent' };
const meta = (extra: Record<string, unknown> = {}) => ({ name: 'train-0', namespace: 'ml', uid: 'u1', resourceVersion: '7', ...extra });

describe('Function: encodeChange()', () => {
  it('keys a pod by its pool and names the event type in the headers', () => {
    const object = { metadata: meta({ annotations: { 'tensor-fusion.ai/gpupool': 'a100' } }), spec: {} };
    const message = encodeChange({ kind: watchedKind('pods', {}), deleted: false, object }, stamp);
    expect(message.key).toBe('lab-1/a100');
    expect(message.headers['ce-type']).toBe('pod.upserted');
    expect(JSON.parse(message.value)).toMatchObject({ type: 'pod.upserted', clusterId: 'lab-1', time: stamp.time, data: { object: { kind: 'Pod' } } });
  });

  it('marks a delete found on a relist as finalStateUnknown', () => {
    const message = encodeChange({ kind: watchedKind('nodes', {}), deleted: true, object: { metadata: meta({ namespace: undefined }) }, finalStateUnknown: true }, stamp);
    expect(message.key).toBe('lab-1/train-0');
    expect(JSON.parse(message.value)).toMatchObject({ type: 'node.deleted', data: { finalStateUnknown: true } });
  });

  it('keys profiles and owners by object', () => {
    const profile = encodeChange({ kind: watchedKind('workload-profiles', {}), deleted: false, object: { metadata: meta(), spec: {} } }, stamp);
    const deployment = encodeChange({ kind: watchedKind('deployments', {}), deleted: true, object: { metadata: meta() } }, stamp);
    const statefulSet = encodeChange({ kind: watchedKind('statefulsets', {}), deleted: false, object: { metadata: meta() } }, stamp);
    expect([profile.key, deployment.key, statefulSet.key]).toEqual(['lab-1/ml/train-0', 'lab-1/ml/train-0', 'lab-1/ml/train-0']);
    expect([deployment.headers['ce-type'], statefulSet.headers['ce-type']]).toEqual(['deployment.deleted', 'statefulset.upserted']);
  });

  it.each([
    { name: 'a pod', kind: 'pods' as const },
    { name: 'an owner', kind: 'deployments' as const },
  ])('refuses $name its contract rejects, naming the field', ({ kind }) => {
    expect(() => encodeChange({ kind: watchedKind(kind, {}), deleted: false, object: { metadata: meta({ uid: undefined }) } }, stamp))
      .toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('uid') }));
  });
});

describe('Function: publishedObject()', () => {
  it('drops managedFields and keeps a kind the object has', () => {
    expect(publishedObject(watchedKind('pods', {}), { kind: 'Pod', metadata: { name: 'p', managedFields: [] } })).toEqual({ kind: 'Pod', metadata: { name: 'p' } });
    expect(publishedObject(watchedKind('nodes', {}), {})).toEqual({ kind: 'Node', metadata: {} });
  });
});

describe('Function: watchedKind()', () => {
  it('selects opted-in pods, in a namespace when scoped', () => {
    expect(watchedKind('pods', { namespace: 'ml' }).resource).toEqual({ path: '/api/v1/namespaces/ml/pods', labelSelector: 'tensor-fusion.ai/enabled=true' });
    expect(watchedKind('workload-profiles', {}).resource.path).toBe('/apis/tensor-fusion.ai/v1/workloadprofiles');
    expect(watchedKind('statefulsets', { namespace: 'a' }).resource.path).toBe('/apis/apps/v1/namespaces/a/statefulsets');
  });

  it('takes owners whose pod template (or themselves) opt in', () => {
    const kind = watchedKind('deployments', {});
    expect(kind.accepts({ spec: { template: { metadata: { labels: { 'tensor-fusion.ai/enabled': 'true' } } } } })).toBe(true);
    expect(kind.accepts({ metadata: { labels: { 'tensor-fusion.ai/enabled': 'true' } } })).toBe(true);
    expect(kind.accepts({ spec: { template: { metadata: { labels: { app: 'x' } } } } })).toBe(false);
    expect(kind.accepts({})).toBe(false);
    expect(watchedKind('nodes', {}).accepts({})).toBe(true);
  });
});
