import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { allocatorWorld, gatedPod, kafkaEventOf, podEvent, type AllocatorWorld } from '../../test/fixtures/allocator.ts';
import { buildClusterEvent, buildNode } from '../../test/fixtures/events.ts';
import { allocationWith, booked, ledgerWith } from '../../test/fixtures/ledger.ts';
import type { ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import { createAllocateGpusHandler } from './handler.ts';

const run = (world: AllocatorWorld, events: readonly ClusterEvent[]) => createAllocateGpusHandler(world.deps)(kafkaEventOf(events), {} as Context);
const half = { 'tflops-request': '200', 'vram-request': '50Gi' };
const waiting = async (world: AllocatorWorld) => (await world.ledgers.listWaiting('prod-eu-1', 'a100', 10)).map((entry) => entry.pod);

describe('Handler: allocate-gpus — pods waiting for room', () => {
  it('places a waiting pod once a release frees room, without reporting it unschedulable again', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    const [a, b, c] = [gatedPod('a', half), gatedPod('b', half), gatedPod('c', half)];
    [a, b, c].forEach((pod) => world.binder.putPod(pod));
    await run(world, [podEvent('pod.upserted', a), podEvent('pod.upserted', b), podEvent('pod.upserted', c)]);
    expect(await waiting(world)).toEqual(['b', 'c']);
    await run(world, [podEvent('pod.deleted', a)]);
    expect(world.binder.bound.map((binding) => binding.name)).toEqual(['a', 'b']);
    expect(await waiting(world)).toEqual(['c']);
    expect(world.publisher.of('allocation.unschedulable')).toHaveLength(2);
  });

  it('places a waiting pod in the same batch as the release, on the batch\'s snapshot updated by the release', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    const [a, b] = [gatedPod('a', half), gatedPod('b', half)];
    [a, b].forEach((pod) => world.binder.putPod(pod));
    await run(world, [podEvent('pod.upserted', a), podEvent('pod.upserted', b), podEvent('pod.deleted', a)]);
    expect(world.binder.bound.map((binding) => binding.name)).toEqual(['a', 'b']);
    expect(await waiting(world)).toEqual([]);
  });

  it('stops waiting for pods that are gone or no longer gated', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    const [a, b, c] = [gatedPod('a', half), gatedPod('b', half), gatedPod('c', half)];
    world.binder.putPod(a);
    await run(world, [podEvent('pod.upserted', a), podEvent('pod.upserted', b), podEvent('pod.upserted', c)]);
    world.binder.putPod({ ...c, spec: {} });
    await run(world, [podEvent('pod.deleted', a)]);
    expect(await waiting(world)).toEqual([]);
    expect(world.binder.bound.map((binding) => binding.name)).toEqual(['a']);
  });

  it('decides waiting pods again after the orphan sweep frees room', async () => {
    const world = await allocatorWorld([ledgerWith('gpu-node-1', 1, { allocations: [allocationWith('uid-gone', [booked('gpu-node-1-gpu0', 200, 50)], { pod: 'gone' })] })]);
    const w = gatedPod('w', half);
    world.binder.putPod(w);
    await run(world, [podEvent('pod.upserted', w)]);
    expect(await waiting(world)).toEqual(['w']);
    await run(world, [buildClusterEvent('node.upserted', buildNode('gpu-node-1'))]);
    expect(world.binder.bound.map((binding) => binding.name)).toEqual(['w']);
    expect(await waiting(world)).toEqual([]);
  });
});
