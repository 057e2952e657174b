import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { allocatorWorld, gatedPod, kafkaEventOf, podEvent, type AllocatorWorld } from '../../test/fixtures/allocator.ts';
import { buildClusterEvent, buildNode } from '../../test/fixtures/events.ts';
import { allocationWith, booked, ledgerWith } from '../../test/fixtures/ledger.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import { createAllocateGpusHandler } from './handler.ts';

const context = {} as Context;
const run = (world: AllocatorWorld, events: readonly ClusterEvent[]) => createAllocateGpusHandler(world.deps)(kafkaEventOf(events), context);
const usedOn = async (world: AllocatorWorld, node: string) => (await world.ledgers.getLedger('prod-eu-1', node))?.ledger.allocations.map((held) => held.podUid);
const failedOffsets = (response: { batchItemFailures: readonly { itemIdentifier: { offset: number } }[] }) => response.batchItemFailures.map((failure) => failure.itemIdentifier.offset);

describe('Handler: allocate-gpus — a failed patch', () => {
  it('keeps the booking for the redelivery after a retryable failure, which pins the pod without booking again', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    const [a, b] = [gatedPod('a'), gatedPod('b')];
    world.binder.putPod(a);
    world.binder.putPod(b);
    world.binder.failBinds(new AppError('DEPENDENCY_UNAVAILABLE', 'apiserver down'));
    const events = [podEvent('pod.upserted', a), podEvent('pod.upserted', b)];
    expect(failedOffsets(await run(world, events))).toEqual([0]);
    expect(await usedOn(world, 'n1')).toEqual(['uid-a', 'uid-b']);
    expect(world.binder.bound.map((binding) => binding.name)).toEqual(['b']);
    expect(failedOffsets(await run(world, events))).toEqual([]);
    expect(await usedOn(world, 'n1')).toEqual(['uid-a', 'uid-b']);
    expect(world.binder.bound.map((binding) => binding.name)).toEqual(['b', 'a']);
  });

  it.each([
    { name: 'the pod is gone', arrange: () => undefined, deadLetters: 0, reason: 'pod-deleted' },
    { name: 'the API server refuses the patch', arrange: (world: AllocatorWorld) => world.binder.failBinds(new AppError('INVALID_INPUT', 'affinity is immutable')), deadLetters: 1, reason: 'evicted' },
    { name: 'someone else lifted the gate', arrange: (world: AllocatorWorld) => world.binder.putPod({ ...gatedPod('a'), spec: {} }), deadLetters: 0, reason: 'evicted' },
  ])('gives the booking back at once when $name', async ({ arrange, deadLetters, reason }) => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    arrange(world);
    const response = await run(world, [podEvent('pod.upserted', gatedPod('a'))]);
    expect(failedOffsets(response)).toEqual([]);
    expect(world.publisher.of('dead-letter')).toHaveLength(deadLetters);
    expect(await usedOn(world, 'n1')).toEqual([]);
    expect(world.publisher.of('allocation.released')).toEqual([expect.objectContaining({ data: expect.objectContaining({ reason }) })]);
  });
});

describe('Handler: allocate-gpus — repair after a crash', () => {
  it('pins a pod whose booking was written but whose index and patch were not', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 2, { allocations: [allocationWith('uid-a', [booked('n1-gpu1', 100, 20)], { pod: 'a' })] })]);
    world.binder.putPod(gatedPod('a'));
    await run(world, [podEvent('pod.upserted', gatedPod('a'))]);
    expect(world.binder.bound).toEqual([expect.objectContaining({ name: 'a', node: 'n1', annotations: expect.objectContaining({ 'tensor-fusion.ai/gpu-ids': 'n1-gpu1' }) })]);
    expect((await world.ledgers.getLedger('prod-eu-1', 'n1'))?.version).toBe(1);
    expect((await world.ledgers.getPodAllocation('prod-eu-1', 'uid-a'))?.entry.node).toBe('n1');
  });

  it('releases a second booking of the same pod when the index names another node that holds it', async () => {
    const world = await allocatorWorld([
      ledgerWith('n1', 1, { allocations: [allocationWith('uid-a', [booked('n1-gpu0', 100, 20)], { pod: 'a' })] }),
      ledgerWith('n2', 1, { allocations: [allocationWith('uid-a', [booked('n2-gpu0', 100, 20)], { pod: 'a' })] }),
    ]);
    await world.ledgers.writePodAllocation({ clusterId: 'prod-eu-1', podUid: 'uid-a', namespace: 'ml', pod: 'a', pool: 'a100', node: 'n2', released: false }, 'absent');
    await world.ledgers.writePodAllocation({ clusterId: 'prod-eu-1', podUid: 'uid-a', namespace: 'ml', pod: 'a', pool: 'a100', node: 'n1', released: false }, 1);
    await world.store.put({ pk: 'cluster#prod-eu-1#node#n1', sk: 'ledger', data: ledgerWith('n1', 1) }, { expectVersion: 1 });
    world.binder.putPod(gatedPod('a'));
    await run(world, [podEvent('pod.upserted', gatedPod('a'))]);
    expect(world.binder.bound.map((binding) => binding.node)).toEqual(['n2']);
  });

  it('re-plans after losing a race: allocators running at once never overfill a GPU', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1), ledgerWith('n2', 1)]);
    const pods = ['a', 'b', 'c'].map((name) => gatedPod(name, { 'tflops-request': '200', 'vram-request': '50Gi' }));
    pods.forEach((pod) => world.binder.putPod(pod));
    await Promise.all(pods.map((pod) => run(world, [podEvent('pod.upserted', pod)])));
    const held = [...(await usedOn(world, 'n1')) ?? [], ...(await usedOn(world, 'n2')) ?? []];
    expect(held).toHaveLength(2);
    expect(world.publisher.of('allocation.unschedulable')).toHaveLength(1);
  });

  it('gives back its own booking when another instance booked and indexed the same pod first (a run\'s write lost)', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1), ledgerWith('n2', 1)]);
    const base = world.deps.ledgers;
    let raced = false;
    const racing = { ...base, writeLedger: async (...args: Parameters<typeof base.writeLedger>) => {
      if (!raced) {
        raced = true;
        const other = await base.getLedger('prod-eu-1', 'n2');
        await base.writeLedger(ledgerWith('n2', 1, { allocations: [allocationWith('uid-a', [booked('n2-gpu0', 100, 20)], { pod: 'a' })] }), other?.version ?? 1);
        await base.writePodAllocation({ clusterId: 'prod-eu-1', podUid: 'uid-a', namespace: 'ml', pod: 'a', pool: 'a100', node: 'n2', released: false }, 'absent');
        const current = await base.getLedger('prod-eu-1', 'n1');
        await base.writeLedger(ledgerWith('n1', 1), current?.version ?? 1);
      }
      return base.writeLedger(...args);
    } };
    world.binder.putPod(gatedPod('a'));
    await createAllocateGpusHandler({ ...world.deps, ledgers: racing })(kafkaEventOf([podEvent('pod.upserted', gatedPod('a'))]), context);
    expect(world.binder.bound).toEqual([]);
    expect(await usedOn(world, 'n1')).toEqual([]);
    expect(await usedOn(world, 'n2')).toEqual(['uid-a']);
    // Giving back our duplicate must not mark the index entry released: it names n2, whose booking is the real one.
    expect((await world.ledgers.getPodAllocation('prod-eu-1', 'uid-a'))?.entry).toMatchObject({ node: 'n2', released: false });
  });

  it('writes nothing a failed run staged: the next run of the batch plans on the pools read again', async () => {
    let calls = 0;
    const world = await allocatorWorld([ledgerWith('n1', 2)]);
    const strategy = await world.deps.strategyFor('a100', { classes: [] });
    const failing = { ...world.deps, strategyFor: () => {
      calls += 1;
      if (calls === 2) throw new AppError('INTERNAL', 'pool lookup broke');
      return strategy;
    } };
    ['a', 'c', 'b'].forEach((name) => world.binder.putPod(gatedPod(name)));
    const events = [podEvent('pod.upserted', gatedPod('a')), podEvent('pod.upserted', gatedPod('c')), podEvent('pod.deleted', gatedPod('x')), podEvent('pod.upserted', gatedPod('b'))];
    await createAllocateGpusHandler(failing)(kafkaEventOf(events), context);
    expect(await usedOn(world, 'n1')).toEqual(['uid-b']);
    expect(world.publisher.of('dead-letter')).toHaveLength(2);
  });

  it('gives up after too many lost races with a retryable conflict', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1)], { maxAttempts: 1 });
    const stale = world.deps.ledgers;
    const racing = { ...stale, writeLedger: async (...args: Parameters<typeof stale.writeLedger>) => {
      await world.store.put({ pk: 'cluster#prod-eu-1#node#n1', sk: 'ledger', data: ledgerWith('n1', 1), lookup: { partition: 'cluster#prod-eu-1#pool#a100#ledgers', sort: 'node#n1' } });
      return stale.writeLedger(...args);
    } };
    world.binder.putPod(gatedPod('a'));
    const response = await createAllocateGpusHandler({ ...world.deps, ledgers: racing })(kafkaEventOf([podEvent('pod.upserted', gatedPod('a'))]), context);
    expect(failedOffsets(response)).toEqual([0]);
  });
});

describe('Handler: allocate-gpus — orphan sweep on node.upserted', () => {
  it('releases stale allocations whose pods are gone, and keeps young ones and live pods', async () => {
    const world = await allocatorWorld([ledgerWith('gpu-node-1', 1, { allocations: [
      allocationWith('uid-gone', [booked('gpu-node-1-gpu0', 10, 4)], { pod: 'gone' }),
      allocationWith('uid-live', [booked('gpu-node-1-gpu0', 10, 4)], { pod: 'live' }),
      allocationWith('uid-young', [booked('gpu-node-1-gpu0', 10, 4)], { pod: 'young', bookedAt: '2025-01-31T11:59:30.000Z' }),
    ] })]);
    world.binder.putPod({ ...gatedPod('live'), metadata: { ...gatedPod('live').metadata, uid: 'uid-live' } });
    await run(world, [buildClusterEvent('node.upserted', buildNode('gpu-node-1')), buildClusterEvent('node.upserted', buildNode('no-ledger'))]);
    expect(await usedOn(world, 'gpu-node-1')).toEqual(['uid-live', 'uid-young']);
    expect(world.publisher.of('allocation.released')).toHaveLength(1);
  });
});

describe('Handler: allocate-gpus — node.deleted', () => {
  it('retires the node: no GPUs offered, every allocation released once, a later placement goes elsewhere', async () => {
    const world = await allocatorWorld([
      ledgerWith('gpu-node-1', 1, { allocations: [allocationWith('uid-a', [booked('gpu-node-1-gpu0', 10, 4)], { pod: 'a' })] }),
      ledgerWith('n2', 1),
    ]);
    await world.ledgers.writePodAllocation({ clusterId: 'prod-eu-1', podUid: 'uid-a', namespace: 'ml', pod: 'a', pool: 'a100', node: 'gpu-node-1', released: false }, 'absent');
    const gone = buildClusterEvent('node.deleted', buildNode('gpu-node-1'));
    world.binder.putPod(gatedPod('b'));
    await run(world, [gone, gone, podEvent('pod.upserted', gatedPod('b')), buildClusterEvent('node.deleted', buildNode('never-had-a-ledger'))]);
    expect((await world.ledgers.getLedger('prod-eu-1', 'gpu-node-1'))?.ledger).toMatchObject({ gpus: [], allocations: [] });
    expect(world.publisher.of('allocation.released')).toEqual([expect.objectContaining({ data: expect.objectContaining({ podUid: 'uid-a', reason: 'node-deleted' }) })]);
    expect((await world.ledgers.getPodAllocation('prod-eu-1', 'uid-a'))?.entry.released).toBe(true);
    expect(world.binder.bound.map((binding) => binding.node)).toEqual(['n2']);
  });

  it('re-reads the ledger after losing a race, and gives up with a retryable conflict after too many', async () => {
    const world = await allocatorWorld([ledgerWith('gpu-node-1', 1)], { maxAttempts: 2 });
    const current = { pk: 'cluster#prod-eu-1#node#gpu-node-1', sk: 'ledger', data: ledgerWith('gpu-node-1', 1), version: 9 };
    const versions: unknown[] = [];
    const racing = createLedgerStore({ ...world.store, put: (_item, options) => {
      versions.push(options?.expectVersion);
      return Promise.reject(new AppError('VERSION_CONFLICT', 'lost', { details: { current } }));
    } });
    const response = await createAllocateGpusHandler({ ...world.deps, ledgers: racing })(kafkaEventOf([buildClusterEvent('node.deleted', buildNode('gpu-node-1'))]), context);
    expect(failedOffsets(response)).toEqual([0]);
    expect(versions).toEqual([1, 9]);
  });
});
