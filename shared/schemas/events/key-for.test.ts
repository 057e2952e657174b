import { describe, expect, it } from 'vitest';
import type { AnyEvent } from './any-event.ts';
import { buildClusterEvent, buildDeadLetter, buildDecision, buildInventory, buildMetrics, buildNode, buildPod, buildProfile, buildOwner } from '../../../test/fixtures/events.ts';
import { DEFAULT_POOL_KEY, keyFor, poolOfPod } from './key-for.ts';

describe('Function: keyFor()', () => {
  it.each<{ name: string; event: AnyEvent; key: string }>([
    { name: 'a pod in a pool: by pool', event: buildClusterEvent('pod.upserted', buildPod({ pool: 'a100' })), key: 'prod-eu-1/a100' },
    { name: 'a deleted pod: by the same pool', event: buildClusterEvent('pod.deleted', buildPod({ pool: 'a100' })), key: 'prod-eu-1/a100' },
    { name: 'a pod naming no pool: the default pool', event: buildClusterEvent('pod.upserted', buildPod()), key: `prod-eu-1/${DEFAULT_POOL_KEY}` },
    { name: 'a node: by node', event: buildClusterEvent('node.upserted', buildNode('gpu-7')), key: 'prod-eu-1/gpu-7' },
    { name: 'a deleted node: by node', event: buildClusterEvent('node.deleted', buildNode('gpu-7')), key: 'prod-eu-1/gpu-7' },
    { name: 'a profile: by namespace and name', event: buildClusterEvent('workload-profile.upserted', buildProfile('llm', 'team-a')), key: 'prod-eu-1/team-a/llm' },
    { name: 'a deleted profile: by namespace and name', event: buildClusterEvent('workload-profile.deleted', buildProfile('llm', 'team-a')), key: 'prod-eu-1/team-a/llm' },
    { name: 'a Deployment: by namespace and name', event: buildClusterEvent('deployment.upserted', buildOwner('Deployment', 'llm')), key: 'prod-eu-1/ml/llm' },
    { name: 'a deleted StatefulSet: by namespace and name', event: buildClusterEvent('statefulset.deleted', buildOwner('StatefulSet', 'db')), key: 'prod-eu-1/ml/db' },
    { name: 'an inventory: by node', event: buildInventory(), key: 'prod-eu-1/gpu-node-1' },
    { name: 'metrics: by node', event: buildMetrics({ clusterId: 'lab' }), key: 'lab/gpu-node-1' },
    { name: 'a placement: by pool', event: buildDecision('allocation.placed'), key: 'prod-eu-1/a100' },
    { name: 'a release: by pool', event: buildDecision('allocation.released'), key: 'prod-eu-1/a100' },
    { name: 'an unschedulable report: by pool', event: buildDecision('allocation.unschedulable'), key: 'prod-eu-1/a100' },
    { name: 'a scaling change: by pool', event: buildDecision('scaling.applied'), key: 'prod-eu-1/a100' },
    { name: 'a dead letter: by the failed record\'s topic-partition', event: buildDeadLetter(), key: 'prod-eu-1/gpu-metrics-3' },
  ])('keys $name', ({ event, key }) => {
    expect(keyFor(event)).toBe(key);
  });
});

describe('Function: poolOfPod()', () => {
  it.each<{ name: string; annotations: Record<string, string> | undefined; pool: string }>([
    { name: 'the gpupool annotation', annotations: { 'tensor-fusion.ai/gpupool': 'h100' }, pool: 'h100' },
    { name: 'no annotations', annotations: undefined, pool: DEFAULT_POOL_KEY },
    { name: 'an empty gpupool annotation', annotations: { 'tensor-fusion.ai/gpupool': '' }, pool: DEFAULT_POOL_KEY },
  ])('reads $name', ({ annotations, pool }) => {
    const pod = buildPod();
    const metadata = { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid, resourceVersion: pod.metadata.resourceVersion };
    expect(poolOfPod({ ...pod, metadata: annotations === undefined ? metadata : { ...metadata, annotations } })).toBe(pool);
  });
});
