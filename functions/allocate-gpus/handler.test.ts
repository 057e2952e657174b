import { describe, expect, it } from 'vitest';
import { allocatorWorld, gatedPod, kafkaEventOf, podEvent, type AllocatorWorld } from '../../test/fixtures/allocator.ts';
import { buildClusterEvent, buildNode, buildProfile } from '../../test/fixtures/events.ts';
import { allocationWith, booked, ledgerWith } from '../../test/fixtures/ledger.ts';
import { ALLOCATION_GATE } from '../../shared/core/admission/mutate-pod.ts';
import { BINDING_KEYS } from '../../shared/core/binding/binding-annotations.ts';
import type { Context } from 'aws-lambda';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import type { ItemKey, StateStore } from '../../shared/ports/state-store.ts';
import { createAllocateGpusHandler } from './handler.ts';

const context = {} as Context;
const run = (world: AllocatorWorld, events: Parameters<typeof kafkaEventOf>[0]) => createAllocateGpusHandler(world.deps)(kafkaEventOf(events), context);
const usedOn = async (world: AllocatorWorld, node: string) => (await world.ledgers.getLedger('prod-eu-1', node))?.ledger.allocations.map((held) => held.podUid);

describe('Handler: allocate-gpus — placing', () => {
  it('books the pod on one node with one write, pins and ungates it, indexes it and publishes allocation.placed', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 2)]);
    const pod = gatedPod('train-0');
    world.binder.putPod(pod);
    expect(await run(world, [podEvent('pod.upserted', pod)])).toEqual({ batchItemFailures: [] });
    const ledger = await world.ledgers.getLedger('prod-eu-1', 'n1');
    expect(ledger?.version).toBe(2);
    expect(ledger?.ledger.allocations).toEqual([expect.objectContaining({ podUid: 'uid-train-0', gpus: [booked('n1-gpu0', 100, 20)] })]);
    const bound = world.binder.pod('ml', 'train-0');
    expect(bound?.spec.schedulingGates).toEqual([]);
    expect(bound?.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }]);
    expect(bound?.metadata.annotations).toMatchObject({ [BINDING_KEYS.gpuIds]: 'n1-gpu0', [BINDING_KEYS.allocatedNode]: 'n1', [BINDING_KEYS.gpuShares]: 'n1-gpu0=100/20Gi' });
    expect((await world.ledgers.getPodAllocation('prod-eu-1', 'uid-train-0'))?.entry).toMatchObject({ node: 'n1', pool: 'a100', released: false });
    expect(world.publisher.of('allocation.placed')).toEqual([expect.objectContaining({ data: expect.objectContaining({ node: 'n1', gpuUuids: ['n1-gpu0'], ledgerVersion: 2 }) })]);
    expect(world.publisher.sent[0]?.topic).toBe('decisions');
  });

  it('places a multi-GPU pod on one node and never puts more than a GPU holds on it', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 2), ledgerWith('n2', 2)]);
    const pods = ['a', 'b', 'c', 'd', 'e'].map((name) => gatedPod(name, { 'tflops-request': '200', 'vram-request': '50Gi', 'gpu-count': '2' }));
    pods.forEach((pod) => world.binder.putPod(pod));
    await run(world, pods.map((pod) => podEvent('pod.upserted', pod)));
    expect(world.publisher.of('allocation.placed')).toHaveLength(2);
    expect(world.publisher.of('allocation.unschedulable')).toHaveLength(3);
    for (const node of ['n1', 'n2']) expect(await usedOn(world, node)).toHaveLength(1);
  });

  it('changes nothing when the whole batch is delivered again', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    const pods = [gatedPod('a'), gatedPod('b')];
    pods.forEach((pod) => world.binder.putPod(pod));
    const events = pods.map((pod) => podEvent('pod.upserted', pod));
    await run(world, events);
    const before = await world.ledgers.getLedger('prod-eu-1', 'n1');
    await run(world, events);
    expect(await world.ledgers.getLedger('prod-eu-1', 'n1')).toEqual(before);
    expect(world.binder.bound).toHaveLength(2);
    expect(new Set(world.publisher.of('allocation.placed').map((event) => event.id)).size).toBe(2);
  });

  it.each([
    { name: 'the pool is full', annotations: { 'tflops-request': '400' }, filter: 'gpu-resources' },
    { name: 'the annotations make no request', annotations: { 'vram-request': '4GB' }, filter: 'annotations' },
  ])('reports the pod unschedulable and leaves it gated when $name', async ({ annotations, filter }) => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    const pod = gatedPod('big', annotations);
    world.binder.putPod(pod);
    await run(world, [podEvent('pod.upserted', pod)]);
    expect(world.publisher.of('allocation.unschedulable')).toEqual([expect.objectContaining({ data: expect.objectContaining({ podUid: 'uid-big', reasons: [expect.objectContaining({ filter })] }) })]);
    expect(world.binder.pod('ml', 'big')?.spec.schedulingGates).toEqual([{ name: ALLOCATION_GATE }]);
    expect((await world.ledgers.getLedger('prod-eu-1', 'n1'))?.version).toBe(1);
  });

  it('ignores events that are not about gated pods', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    const running = { ...gatedPod('run'), spec: {}, status: { phase: 'Running' } };
    await run(world, [podEvent('pod.upserted', running), buildClusterEvent('workload-profile.upserted', buildProfile())]);
    expect(world.publisher.sent).toEqual([]);
  });
});

describe('Handler: allocate-gpus — releasing', () => {
  it.each([
    { name: 'the pod is deleted', event: (pod: ReturnType<typeof gatedPod>) => podEvent('pod.deleted', pod), reason: 'pod-deleted' },
    { name: 'the pod finished', event: (pod: ReturnType<typeof gatedPod>) => podEvent('pod.upserted', { ...pod, status: { phase: 'Succeeded' } }), reason: 'pod-finished' },
  ])('gives the capacity back once when $name, and a late event does not book it again', async ({ event, reason }) => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    const pod = gatedPod('a');
    world.binder.putPod(pod);
    const placed = podEvent('pod.upserted', pod);
    await run(world, [placed]);
    const gone = event(pod);
    await run(world, [gone, gone, placed]);
    expect(await usedOn(world, 'n1')).toEqual([]);
    expect(world.publisher.of('allocation.released')).toEqual([expect.objectContaining({ data: expect.objectContaining({ reason, node: 'n1', gpuUuids: ['n1-gpu0'] }) })]);
    expect((await world.ledgers.getPodAllocation('prod-eu-1', 'uid-a'))?.entry.released).toBe(true);
    expect((await world.store.get({ pk: 'cluster#prod-eu-1#pod#uid-a', sk: 'allocation' }))?.expiresAt).toBe(Date.parse('2025-01-31T12:00:00Z') / 1000 + 7 * 24 * 3600);
  });

  it('keeps one pod\'s records in order while other pods\' patches run alongside: placed, then released', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 2)]);
    const pods = Array.from({ length: 20 }, (_, index) => gatedPod(`p${index}`, { 'tflops-request': '10', 'vram-request': '1Gi' }));
    pods.forEach((pod) => world.binder.putPod(pod));
    const [first] = pods;
    await run(world, [...pods.map((pod) => podEvent('pod.upserted', pod)), podEvent('pod.deleted', first as (typeof pods)[number])]);
    expect(world.binder.bound).toHaveLength(20);
    expect((await usedOn(world, 'n1'))?.length).toBe(19);
    expect(world.publisher.of('allocation.released').map((event) => (event.data as { podUid: string }).podUid)).toEqual(['uid-p0']);
  });

  it('finds the allocation through the pod annotations or the pool when the index was never written', async () => {
    const world = await allocatorWorld([
      ledgerWith('n1', 1, { allocations: [allocationWith('uid-x', [booked('n1-gpu0', 10, 4)])] }),
      ledgerWith('n2', 1, { allocations: [allocationWith('uid-y', [booked('n2-gpu0', 10, 4)])] }),
    ]);
    const x = { ...gatedPod('x'), metadata: { ...gatedPod('x').metadata, annotations: { [BINDING_KEYS.allocatedNode]: 'n1' } } };
    await run(world, [podEvent('pod.deleted', x), podEvent('pod.deleted', gatedPod('y')), podEvent('pod.deleted', gatedPod('never'))]);
    expect([await usedOn(world, 'n1'), await usedOn(world, 'n2')]).toEqual([[], []]);
    expect(world.publisher.of('allocation.released')).toHaveLength(2);
  });
});

describe('Handler: allocate-gpus — reads', () => {
  /** The handler on a store that counts the index entries and ledgers read (get or getMany, by key), below LedgerStore and its updateLedger. */
  const counting = (world: AllocatorWorld) => {
    const reads = { index: 0, ledger: 0 };
    const count = (keys: readonly ItemKey[]) => {
      for (const { sk } of keys) {
        if (sk === 'allocation') reads.index += 1;
        if (sk === 'ledger') reads.ledger += 1;
      }
    };
    const store: StateStore = {
      ...world.store,
      get: (key) => { count([key]); return world.store.get(key); },
      getMany: (keys) => { count(keys); return world.store.getMany(keys); },
    };
    return { reads, handle: (events: Parameters<typeof kafkaEventOf>[0]) => createAllocateGpusHandler({ ...world.deps, ledgers: createLedgerStore(store) })(kafkaEventOf(events), context) };
  };

  it('reads a pod\'s index entry once to place it and once to release it, and a node\'s ledger once per node.upserted', async () => {
    const world = await allocatorWorld([ledgerWith('gpu-node-1', 1)]);
    const pod = gatedPod('a');
    world.binder.putPod(pod);
    const { reads, handle } = counting(world);
    await handle([podEvent('pod.upserted', pod)]);
    expect(reads.index).toBe(1);
    await handle([podEvent('pod.deleted', pod)]);
    expect(reads.index).toBe(2);
    expect(await usedOn(world, 'gpu-node-1')).toEqual([]);
    reads.ledger = 0;
    await handle([buildClusterEvent('node.upserted', buildNode('gpu-node-1'))]);
    expect(reads.ledger).toBe(1);
  });
});

describe('Handler: allocate-gpus — scoped to one cluster (CLUSTER_ID)', () => {
  it.each([
    { name: 'acts on its own cluster\'s pods', clusterId: 'prod-eu-1', placed: 1 },
    { name: 'leaves another cluster\'s pods alone, acknowledged', clusterId: 'lab', placed: 0 },
  ])('$name', async ({ clusterId, placed }) => {
    const world = await allocatorWorld([ledgerWith('n1', 2)]);
    const pod = gatedPod('train-0');
    world.binder.putPod(pod);
    const handler = createAllocateGpusHandler({ ...world.deps, clusterId });
    expect(await handler(kafkaEventOf([podEvent('pod.upserted', pod)]), context)).toEqual({ batchItemFailures: [] });
    expect(world.publisher.of('allocation.placed')).toHaveLength(placed);
    expect(await usedOn(world, 'n1')).toHaveLength(placed);
    expect(world.binder.bound).toHaveLength(placed);
  });
});
