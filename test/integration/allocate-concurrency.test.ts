// Several allocator instances racing on one small pool, on the real dynalite (ledgers), kube-apiserver (pods)
// and Kafka (decisions): no GPU ever holds more than its capacity, and every pod is placed exactly once or
// reported unschedulable. Each pod's event goes to two instances at once (a redelivery racing the first
// delivery), and afterwards the whole batch is delivered again, which changes nothing.
import type { Context } from 'aws-lambda';
import * as k8s from '@kubernetes/client-node';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAllocateGpusHandler } from '../../functions/allocate-gpus/handler.ts';
import { ALLOCATION_GATE } from '../../shared/core/admission/mutate-pod.ts';
import type { ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import type { NodeLedger } from '../../shared/schemas/node-ledger.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { StateStore } from '../../shared/ports/state-store.ts';
import { loadKubeConfig } from '../../shared/adapters/kubernetes/kube-config.ts';
import { createNamespace } from '../fixtures/admission/kube.ts';
import { asPodObject, gatedPodManifest, stackDeps } from '../fixtures/allocator-stack.ts';
import { kafkaEventOf } from '../fixtures/allocator.ts';
import { buildClusterEvent, eventId } from '../fixtures/events.ts';
import { createTestTable, createTopic, readTopic, testKafka, uniqueName, type TestTable } from '../fixtures/handlers/harness.ts';
import { ledgerWith } from '../fixtures/ledger.ts';

const stack = inject('stack');
const RUN = uniqueName('alloc');
const NAMESPACE = RUN;
const CLUSTER = RUN;
const INSTANCES = 4;
const PODS = 24;
// 2 nodes × 2 A100 80 GB (312 TFLOPS): 100 TFLOPS + 20 Gi per pod fits 3 per GPU, 12 in all.
const LEDGERS: NodeLedger[] = [ledgerWith(`${RUN}-n1`, 2, { clusterId: CLUSTER }), ledgerWith(`${RUN}-n2`, 2, { clusterId: CLUSTER })];

let kafka: Kafka;
let table: TestTable;
let core: k8s.CoreV1Api;
let decisionsTopic: string;

beforeAll(async () => {
  kafka = testKafka(stack.kafka.bootstrap);
  table = await createTestTable(stack.dynamodb.endpoint);
  core = loadKubeConfig({ kind: 'kubeconfig-file', path: stack.kubernetes.kubeconfig }).makeApiClient(k8s.CoreV1Api);
  decisionsTopic = `${RUN}-decisions`;
  await createTopic(kafka, decisionsTopic, 1);
  await createNamespace(core, NAMESPACE, { 'vgpu-allocate-concurrency': RUN });
  const ledgers = createLedgerStore(table.store);
  for (const ledger of LEDGERS) await ledgers.writeLedger(ledger, 'absent');
}, 120_000);

afterAll(async () => {
  await core.deleteNamespace({ name: NAMESPACE }).catch(() => undefined);
  table.client.destroy();
});

const context = {} as Context;

let conflicts = 0;
/** The real store, counting the conditional writes that lost a race. */
const counting = (store: StateStore): StateStore => ({
  ...store,
  put: (item, options) => store.put(item, options).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'VERSION_CONFLICT') conflicts += 1;
    throw error;
  }),
});

/** Each instance gets its own deps (its own pool snapshot per batch): separate function instances. */
const instances = () => Array.from({ length: INSTANCES }, () => createAllocateGpusHandler(stackDeps({ store: counting(table.store), kubeconfig: stack.kubernetes.kubeconfig, kafka, decisionsTopic })));

async function totals() {
  const pool = await createLedgerStore(table.store).readPool(CLUSTER, 'a100');
  const perGpu = new Map<string, { tflops: number; vram: number; capacity: { tflopsMilli: number; vramBytes: number } }>();
  const holders = new Map<string, number>();
  for (const { ledger } of pool) {
    for (const gpu of ledger.gpus) perGpu.set(gpu.uuid, { tflops: 0, vram: 0, capacity: gpu.capacity });
    for (const allocation of ledger.allocations) {
      holders.set(allocation.podUid, (holders.get(allocation.podUid) ?? 0) + 1);
      for (const held of allocation.gpus) {
        const sum = perGpu.get(held.uuid);
        if (sum !== undefined) { sum.tflops += held.tflopsMilli; sum.vram += held.vramBytes; }
      }
    }
  }
  return { pool, perGpu, holders };
}

describe('Integration: allocate-gpus, instances racing on one pool (dynalite, kube-apiserver, Kafka)', () => {
  it('never over-commits a GPU and places each pod once or reports it unschedulable; redelivery changes nothing', async () => {
    const created = await Promise.all(Array.from({ length: PODS }, (_, index) => core.createNamespacedPod({
      namespace: NAMESPACE, body: gatedPodManifest(`p${index}`, { 'tflops-request': '100', 'vram-request': '20Gi', gpupool: 'a100' }),
    })));
    const events: ClusterEvent[] = created.map((pod, index) => buildClusterEvent('pod.upserted', asPodObject(pod), { id: eventId(index + 1), clusterId: CLUSTER }));
    const handlers = instances();
    const started = performance.now();
    // Every pod to two instances: batches of 6 for instance i, and the same records again for instance i+1.
    const batches = Array.from({ length: INSTANCES }, (_, i) => events.filter((_, index) => index % INSTANCES === i));
    const deliveries = batches.flatMap((batch, i) => [{ handler: handlers[i], batch }, { handler: handlers[(i + 1) % INSTANCES], batch }]);
    const responses = await Promise.all(deliveries.map(({ handler, batch }) => (handler as (typeof handlers)[number])(kafkaEventOf(batch), context)));
    const elapsedMs = performance.now() - started;
    // A lost race past the attempt limit is a retryable failure: deliver those records again, as the runner would.
    const retried = responses.flatMap((response) => response.batchItemFailures).length;
    if (retried > 0) await Promise.all(handlers.slice(0, 1).map((handler) => handler(kafkaEventOf(events), context)));

    const { pool, perGpu, holders } = await totals();
    for (const [uuid, sum] of perGpu) {
      expect(sum.tflops, `TFLOPS on ${uuid}`).toBeLessThanOrEqual(sum.capacity.tflopsMilli);
      expect(sum.vram, `VRAM on ${uuid}`).toBeLessThanOrEqual(sum.capacity.vramBytes);
    }
    expect([...holders.values()].every((count) => count === 1)).toBe(true);
    expect(holders.size).toBe(12);

    const pods = (await core.listNamespacedPod({ namespace: NAMESPACE })).items;
    const ungated = pods.filter((pod) => !(pod.spec?.schedulingGates ?? []).some((gate) => gate.name === ALLOCATION_GATE));
    expect(ungated.map((pod) => pod.metadata?.uid).sort()).toEqual([...holders.keys()].sort());
    for (const pod of ungated) {
      const node = pod.metadata?.annotations?.['tensor-fusion.ai/allocated-node'];
      const ledger = pool.find((held) => held.ledger.node === node);
      expect(ledger?.ledger.allocations.some((allocation) => allocation.podUid === pod.metadata?.uid)).toBe(true);
      expect(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }]);
    }
    const decisions = await readTopic(kafka, decisionsTopic, PODS) as { type: string; data: { podUid: string } }[];
    const unschedulable = new Set(decisions.filter((event) => event.type === 'allocation.unschedulable').map((event) => event.data.podUid));
    for (const pod of pods) expect(holders.has(pod.metadata?.uid ?? '') || unschedulable.has(pod.metadata?.uid ?? '')).toBe(true);
    console.info(`[allocate-concurrency] ${INSTANCES} instances × 2 deliveries, ${PODS} pods: ${holders.size} placed, ${PODS - holders.size} unschedulable, ${conflicts} lost races re-planned, ${retried} records retried, ${elapsedMs.toFixed(0)} ms`);
    expect(conflicts).toBeGreaterThan(0);

    // The whole batch again: no ledger changes.
    const versions = pool.map((held) => held.version);
    await Promise.all(handlers.map((handler) => handler(kafkaEventOf(events), context)));
    expect((await totals()).pool.map((held) => held.version)).toEqual(versions);
  });
});
