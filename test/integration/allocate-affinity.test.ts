// Node constraints on the real stack: two GPU nodes in one pool with different labels, one of them tainted,
// their labels and taints learnt by allocate-gpus from the cluster-agent's node.upserted events. A pod whose
// required node affinity selects one node is pinned there and kube-scheduler binds it; a tolerating pod goes
// to the tainted node; a pod whose affinity matches no node, or that does not tolerate the taint, is reported
// allocation.unschedulable with the filter that removed the nodes, stays gated and books nothing. A ledger
// whose labels were never recorded is filled from its Node when a batch first reads it.
import type * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubernetesPodBinder } from '../../shared/adapters/kubernetes/pod-binder.ts';
import { startAllocatorE2e, type AllocatorE2e } from '../fixtures/allocator-e2e.ts';
import { readTopic, waitFor, type RunnerProcess } from '../fixtures/handlers/harness.ts';

const stack = inject('stack');
const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;
const ZONE = 'vgpu.test/zone';
const TAINT: k8s.V1Taint = { key: 'vgpu.test/dedicated', value: 'training', effect: 'NoSchedule' };
let e2e: AllocatorE2e;
let runner: RunnerProcess;

beforeAll(async () => {
  e2e = await startAllocatorE2e(stack, { gpus: 1, watch: 'pods,nodes', nodes: [{ suffix: 'zone-a', labels: { [ZONE]: 'a' } }, { suffix: 'zone-b', labels: { [ZONE]: 'b' }, taints: [TAINT] }] });
  runner = e2e.startRunner();
  await waitFor('allocate-gpus to record both nodes\' labels and taints', async () => {
    const recorded = await Promise.all(e2e.nodes.map(async (node) => (await e2e.ledgers.getLedger(e2e.run, node))?.ledger.scheduling));
    return recorded.every((scheduling) => scheduling !== undefined);
  }, 90_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${runner.output().slice(-3000)}`);
  });
}, 300_000);

afterAll(async () => {
  if (runner !== undefined) {
    runner.child.kill('SIGTERM');
    await runner.exited;
  }
  await e2e?.core.deleteCollectionNamespacedPod({ namespace: e2e.namespace, gracePeriodSeconds: 0 }).catch(() => undefined);
  await e2e?.stop();
}, 60_000);

/** An opted-in pod asking for 50 TFLOPS and 8 GiB whose required node affinity wants `zone`, with spec fields added. */
async function createPod(name: string, zone: string, spec: Partial<k8s.V1PodSpec> = {}): Promise<void> {
  await e2e.core.createNamespacedPod({ namespace: e2e.namespace, body: {
    metadata: { name, labels: { [tf('enabled')]: 'true' }, annotations: { [tf('tflops-request')]: '50', [tf('vram-request')]: '8Gi', [tf('gpupool')]: 'default-pool' } },
    spec: {
      containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: [zone] }] }] } } },
      ...spec,
    },
  } });
}

const podNamed = async (name: string) => e2e.core.readNamespacedPod({ namespace: e2e.namespace, name });
const bookedPods = async () => (await Promise.all(e2e.nodes.map(async (node) => (await e2e.ledgers.getLedger(e2e.run, node))?.ledger.allocations ?? []))).flat().map((held) => held.pod);
type Unschedulable = { type: string; data: { pod: string; reasons: { filter: string; rejectedNodes: number; message: string }[] } };

describe('Integration: allocate-gpus honours node affinity and taints (webhook, cluster-agent with nodes, runner, dynalite, kube-scheduler)', () => {
  it('records each node\'s labels and taints from its Node object', async () => {
    const [a, b] = await Promise.all(e2e.nodes.map(async (node) => (await e2e.ledgers.getLedger(e2e.run, node))?.ledger.scheduling));
    expect(a).toEqual({ labels: expect.objectContaining({ [ZONE]: 'a' }), taints: [] });
    expect(b).toEqual({ labels: expect.objectContaining({ [ZONE]: 'b' }), taints: [TAINT] });
  });

  it('pins pods where their affinity and tolerations allow, reports the others unschedulable with the filter, and books nothing for them', async () => {
    const [nodeA, nodeB] = e2e.nodes;
    await createPod('to-a', 'a');
    await createPod('to-b-tolerant', 'b', { tolerations: [{ key: TAINT.key, operator: 'Exists', effect: 'NoSchedule' }] });
    await createPod('to-b', 'b');
    await createPod('to-c', 'c');
    await waitFor('two pods ungated', async () => (await e2e.pods()).ungated.length >= 2, 90_000);
    let decisions: Unschedulable[] = [];
    await waitFor('two unschedulable decisions', async () => (decisions = (await readTopic(e2e.kafka, e2e.topics.decisions, 4) as Unschedulable[])
      .filter((event) => event.type === 'allocation.unschedulable')).length >= 2, 60_000);

    expect((await podNamed('to-a')).metadata?.annotations?.[tf('allocated-node')]).toBe(nodeA);
    expect((await podNamed('to-b-tolerant')).metadata?.annotations?.[tf('allocated-node')]).toBe(nodeB);
    await waitFor('kube-scheduler to bind the pinned pods', async () =>
      (await podNamed('to-a')).spec?.nodeName === nodeA && (await podNamed('to-b-tolerant')).spec?.nodeName === nodeB, 60_000);

    const byPod = new Map(decisions.map((event) => [event.data.pod, event.data.reasons]));
    expect(byPod.get('to-c')).toEqual([{ filter: 'node-affinity', rejectedNodes: 2, message: expect.stringContaining('required node affinity') }]);
    expect(byPod.get('to-b')).toEqual([
      { filter: 'node-affinity', rejectedNodes: 1, message: expect.stringContaining('required node affinity') },
      { filter: 'taint-toleration', rejectedNodes: 1, message: expect.stringContaining('taint') },
    ]);
    expect((await e2e.pods()).gated.map((pod) => pod.metadata?.name).sort()).toEqual(['to-b', 'to-c']);
    expect((await bookedPods()).sort()).toEqual(['to-a', 'to-b-tolerant']);
  });

  it('fills a ledger whose labels were never recorded from its Node (the real pod binder), then pins there', async () => {
    const [nodeA] = e2e.nodes as [string];
    const binder = createKubernetesPodBinder({ access: { kind: 'kubeconfig-file', path: stack.kubernetes.kubeconfig } });
    expect((await binder.getNode(nodeA))?.metadata.labels).toMatchObject({ [ZONE]: 'a' });
    expect(await binder.getNode(`${e2e.run}-missing`)).toBeUndefined();
    const held = await e2e.ledgers.getLedger(e2e.run, nodeA);
    if (held === undefined) throw new Error('no ledger');
    const unrecorded = { ...held.ledger };
    delete unrecorded.scheduling;
    expect((await e2e.ledgers.writeLedger(unrecorded, held.version)).kind).toBe('written');
    await createPod('late-a', 'a');
    await waitFor('late-a ungated', async () => (await e2e.pods()).ungated.some((pod) => pod.metadata?.name === 'late-a'), 60_000);
    expect((await podNamed('late-a')).metadata?.annotations?.[tf('allocated-node')]).toBe(nodeA);
    expect((await e2e.ledgers.getLedger(e2e.run, nodeA))?.ledger.scheduling?.labels).toMatchObject({ [ZONE]: 'a' });
  });
});
