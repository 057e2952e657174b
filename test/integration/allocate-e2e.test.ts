// The seed's example Deployment on the real stack, end to end (the GPU node's ledger written by sync-inventory in a
// runner from a gpu-node.inventory event): kube-apiserver → admission webhook (HTTPS) →
// gated pods → cluster-agent → Kafka → function runner → allocate-gpus → dynalite ledger → pod pinned and
// ungated → kube-scheduler binds it to the GPU node. Redelivering the whole topic changes nothing; scaling the
// Deployment to 0 frees the capacity; a runner killed between the ledger write and the pod patch is repaired
// by the next one.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAllocateGpusHandler } from '../../functions/allocate-gpus/handler.ts';
import type { ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import { applyObjects, readDocuments } from '../fixtures/admission/kube.ts';
import { startAllocatorE2e, type AllocatorE2e } from '../fixtures/allocator-e2e.ts';
import { stackDeps } from '../fixtures/allocator-stack.ts';
import { kafkaEventOf } from '../fixtures/allocator.ts';
import { buildClusterEvent, eventId } from '../fixtures/events.ts';
import { readTopic, waitFor } from '../fixtures/handlers/harness.ts';

const stack = inject('stack');
const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;
let e2e: AllocatorE2e;

beforeAll(async () => {
  e2e = await startAllocatorE2e(stack, { gpus: 2 });
  const [profile] = await readDocuments('examples/seed-profile.yaml');
  await applyObjects(e2e.config, [{ ...profile, metadata: { ...profile?.metadata, namespace: e2e.namespace } } as k8s.KubernetesObject]);
}, 180_000);

afterAll(async () => e2e?.stop(), 60_000);

const allocations = async () => (await e2e.ledgers.getLedger(e2e.run, e2e.node))?.ledger.allocations ?? [];

async function seedDeployment(replicas: number): Promise<void> {
  const [deployment] = await readDocuments('examples/seed-deployment.yaml') as k8s.V1Deployment[];
  await e2e.apps.createNamespacedDeployment({ namespace: e2e.namespace, body: { ...deployment, metadata: { ...deployment?.metadata, namespace: e2e.namespace }, spec: { ...deployment?.spec, replicas } as k8s.V1DeploymentSpec } });
}

describe('Integration: allocate-gpus end to end (webhook, cluster-agent, Kafka, runner, dynalite, kube-scheduler)', () => {
  it('admits, allocates, pins and ungates the seed Deployment\'s pods; a redelivered topic changes nothing; scaling to 0 frees the capacity', async () => {
    const runner = e2e.startRunner();
    try {
      await placeAndFree();
    } finally {
      runner.child.kill('SIGTERM');
      await runner.exited;
    }
  });

  async function placeAndFree(): Promise<void> {
    await seedDeployment(3);
    let ungated: k8s.V1Pod[] = [];
    await waitFor('3 pods ungated', async () => (ungated = (await e2e.pods()).ungated).length === 3, 90_000);
    const held = await allocations();
    expect(held.map((allocation) => allocation.podUid).sort()).toEqual(ungated.map((pod) => pod.metadata?.uid).sort());
    expect(held.every((allocation) => allocation.gpus.length === 1 && allocation.gpus[0]?.tflopsMilli === 10_000 && allocation.gpus[0].vramBytes === 4 * 2 ** 30)).toBe(true);
    for (const pod of ungated) {
      expect(pod.metadata?.annotations).toMatchObject({ [tf('allocated-node')]: e2e.node, [tf('gpu-ids')]: expect.stringMatching(/^GPU-/), [tf('gpu-shares')]: expect.stringMatching(/=10\/4Gi$/) });
      expect(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [e2e.node] }] }]);
    }
    await waitFor('kube-scheduler to bind the pods to the GPU node', async () => (await e2e.pods()).ungated.every((pod) => pod.spec?.nodeName === e2e.node), 60_000);

    // Everything on the topic so far, delivered again in one batch to a second allocator instance.
    const before = await e2e.ledgers.getLedger(e2e.run, e2e.node);
    const resourceVersions = (await e2e.pods()).ungated.map((pod) => pod.metadata?.resourceVersion).sort();
    const history = await readTopic(e2e.kafka, e2e.topics.clusterEvents, 1) as ClusterEvent[];
    const again = createAllocateGpusHandler(stackDeps({ store: e2e.table.store, kubeconfig: stack.kubernetes.kubeconfig, kafka: e2e.kafka, decisionsTopic: e2e.topics.decisions }));
    expect(await again(kafkaEventOf(history), {} as Context)).toEqual({ batchItemFailures: [] });
    expect(await e2e.ledgers.getLedger(e2e.run, e2e.node)).toEqual(before);
    expect((await e2e.pods()).ungated.map((pod) => pod.metadata?.resourceVersion).sort()).toEqual(resourceVersions);

    // Scale to 0; the pods sit on a node without a kubelet, so finish their deletion by force.
    await e2e.apps.patchNamespacedDeploymentScale({ name: 'pytorch-example', namespace: e2e.namespace, body: { spec: { replicas: 0 } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
    await waitFor('the pods to be deleting', async () => (await e2e.core.listNamespacedPod({ namespace: e2e.namespace })).items.every((pod) => pod.metadata?.deletionTimestamp != null), 60_000);
    await e2e.core.deleteCollectionNamespacedPod({ namespace: e2e.namespace, gracePeriodSeconds: 0 });
    await waitFor('the ledger to be empty', async () => (await allocations()).length === 0, 60_000);
    // At least once: a redelivered decision carries the same id (derived from the pod uid).
    const decisions = await readTopic(e2e.kafka, e2e.topics.decisions, 6) as { type: string; id: string }[];
    const distinct = (type: string) => new Set(decisions.filter((event) => event.type === type).map((event) => event.id)).size;
    expect([distinct('allocation.placed'), distinct('allocation.released')]).toEqual([3, 3]);
  }

  it('a runner killed between the ledger write and the pod patch: the next one pins the pod, and the ledger holds it once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vgpu-crash-'));
    const crashFile = join(dir, 'crashed');
    try {
      const crashing = e2e.startRunner({ FIXTURE_CRASH_BEFORE_BIND_FILE: crashFile });
      await e2e.core.createNamespacedPod({ namespace: e2e.namespace, body: {
        metadata: { name: 'crash-test', labels: { [tf('enabled')]: 'true' }, annotations: { [tf('tflops-request')]: '50', [tf('vram-request')]: '8Gi', [tf('gpupool')]: 'default-pool' } },
        spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] },
      } });
      let exit: unknown;
      void crashing.exited.then((value) => { exit = value; });
      await waitFor('the runner to crash', () => exit !== undefined, 60_000).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${crashing.output().slice(-3000)}`);
      });
      expect(exit).toMatchObject({ signal: 'SIGKILL' });
      expect(await readFile(crashFile, 'utf8')).toContain('crash-test');
      const booked = await allocations();
      expect(booked.map((allocation) => allocation.pod)).toEqual(['crash-test']);
      expect((await e2e.pods()).gated.map((pod) => pod.metadata?.name)).toEqual(['crash-test']);

      const restarted = e2e.startRunner({ FIXTURE_CRASH_BEFORE_BIND_FILE: crashFile });
      await waitFor('the pod to be ungated', async () => (await e2e.pods()).ungated.some((pod) => pod.metadata?.name === 'crash-test'), 90_000);
      const [pod] = (await e2e.pods()).ungated.filter((found) => found.metadata?.name === 'crash-test');
      const after = await allocations();
      expect(after).toEqual(booked);
      expect(pod?.metadata?.annotations?.[tf('gpu-ids')]).toBe(booked[0]?.gpus[0]?.uuid);
      expect((await e2e.ledgers.getPodAllocation(e2e.run, pod?.metadata?.uid ?? ''))?.entry).toMatchObject({ node: e2e.node, released: false });
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the orphan sweep on a node update releases a booking whose pod is gone, and keeps the live pod\'s', async () => {
    const held = await e2e.ledgers.getLedger(e2e.run, e2e.node);
    if (held === undefined) throw new Error('no ledger');
    const live = held.ledger.allocations.map((allocation) => allocation.podUid);
    expect(live).toHaveLength(1);
    const ghost = { podUid: 'ghost-uid', namespace: e2e.namespace, pod: 'ghost', dedicated: false, bookedAt: '2025-01-31T12:00:00.000Z', gpus: [{ uuid: held.ledger.gpus[1]?.uuid ?? '', tflopsMilli: 1000, vramBytes: 2 ** 30 }] };
    expect((await e2e.ledgers.writeLedger({ ...held.ledger, allocations: [...held.ledger.allocations, ghost] }, held.version)).kind).toBe('written');
    const deps = { ...stackDeps({ store: e2e.table.store, kubeconfig: stack.kubernetes.kubeconfig, kafka: e2e.kafka, decisionsTopic: e2e.topics.decisions }), orphanGraceMs: 0 };
    const node = buildClusterEvent('node.upserted', { kind: 'Node', metadata: { name: e2e.node, uid: 'node-uid', resourceVersion: '1' } }, { clusterId: e2e.run, id: eventId(999) });
    expect(await createAllocateGpusHandler(deps)(kafkaEventOf([node]), {} as Context)).toEqual({ batchItemFailures: [] });
    expect((await allocations()).map((allocation) => allocation.podUid)).toEqual(live);
  });
});
