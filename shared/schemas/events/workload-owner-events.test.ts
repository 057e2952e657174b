import { describe, expect, it } from 'vitest';
import { keyForWorkloadOwnerEvent, workloadOwnerEventSchema, WORKLOAD_OWNER_EVENT_TYPES } from './workload-owner-events.ts';

const event = (type: string, kind: string) => ({
  specversion: 1, id: '00000000-0000-4000-8000-000000000001', type, clusterId: 'lab', time: '2025-01-31T12:00:00Z', source: 'cluster-agent',
  data: { object: { kind, metadata: { name: 'llm', namespace: 'team-a', uid: 'u-1', resourceVersion: '7' }, spec: { replicas: 2 } } },
});

describe('Schema: workload owner events', () => {
  it.each(WORKLOAD_OWNER_EVENT_TYPES.map((type) => ({ name: type, type, kind: type.startsWith('deployment') ? 'Deployment' : 'StatefulSet' })))(
    'accepts $name and keys it by object', ({ type, kind }) => {
      const parsed = workloadOwnerEventSchema.parse(event(type, kind));
      expect(parsed.data.object.spec).toEqual({ replicas: 2 });
      expect(keyForWorkloadOwnerEvent(parsed)).toBe('lab/team-a/llm');
    });

  it('rejects an owner of the wrong kind and one without a namespace', () => {
    expect(workloadOwnerEventSchema.safeParse(event('deployment.upserted', 'StatefulSet')).error?.issues[0]?.message).toBe('be Deployment');
    const clusterScoped = event('statefulset.deleted', 'StatefulSet');
    delete (clusterScoped.data.object.metadata as { namespace?: string }).namespace;
    expect(workloadOwnerEventSchema.safeParse(clusterScoped).success).toBe(false);
  });
});
