import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { allocatorWorld, gatedPod, kafkaEventOf, podEvent, type AllocatorWorld } from '../../test/fixtures/allocator.ts';
import { buildClusterEvent, eventId } from '../../test/fixtures/events.ts';
import { ledgerWith } from '../../test/fixtures/ledger.ts';
import type { ClusterEvent } from '../../shared/schemas/events/cluster-events.ts';
import type { PodObject } from '../../shared/schemas/events/kube-objects.ts';
import { createAllocateGpusHandler } from './handler.ts';

const run = (world: AllocatorWorld, events: readonly ClusterEvent[]) => createAllocateGpusHandler(world.deps)(kafkaEventOf(events), {} as Context);
let counter = 500;
const nodeEvent = (name: string, labels: Record<string, string>, taints: unknown[] = []): ClusterEvent =>
  buildClusterEvent('node.upserted', { kind: 'Node', metadata: { name, uid: `uid-${name}`, resourceVersion: String(++counter), labels }, spec: { taints } }, { id: eventId(++counter) });
const dedicated = { key: 'dedicated', value: 'training', effect: 'NoSchedule' };
/** A gated pod whose required node affinity asks for `zone`, with `spec` fields added. */
const podFor = (name: string, zone: string, spec: Record<string, unknown> = {}): PodObject => {
  const pod = gatedPod(name);
  const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [zone] }] }] } } };
  return { ...pod, spec: { ...pod['spec'] as object, affinity, ...spec } };
};
const put = (world: AllocatorWorld, ...pods: PodObject[]) => pods.forEach((pod) => world.binder.putPod(pod as never));
const boundTo = (world: AllocatorWorld) => world.binder.bound.map((binding) => [binding.name, binding.node]);
const version = async (world: AllocatorWorld, node: string) => (await world.ledgers.getLedger('prod-eu-1', node))?.version;

describe('Handler: allocate-gpus — node labels, taints and the pod\'s node constraints', () => {
  it('records labels and taints from node.upserted once, and pins pods only where kube-scheduler would accept them', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1), ledgerWith('n2', 1)]);
    await run(world, [nodeEvent('n1', { zone: 'a' }), nodeEvent('n2', { zone: 'b' }, [dedicated])]);
    expect((await world.ledgers.getLedger('prod-eu-1', 'n2'))?.ledger.scheduling).toEqual({ labels: { zone: 'b' }, taints: [dedicated] });
    const versions = [await version(world, 'n1'), await version(world, 'n2')];
    await run(world, [nodeEvent('n1', { zone: 'a' }), nodeEvent('n2', { zone: 'b' }, [dedicated])]);
    expect([await version(world, 'n1'), await version(world, 'n2')]).toEqual(versions);

    const [toA, toB, tolerant] = [podFor('to-a', 'a'), podFor('to-b', 'b'), podFor('tolerant', 'b', { tolerations: [{ key: 'dedicated', operator: 'Exists' }] })];
    put(world, toA, toB, tolerant);
    await run(world, [podEvent('pod.upserted', toA), podEvent('pod.upserted', toB), podEvent('pod.upserted', tolerant)]);
    expect(boundTo(world)).toEqual([['to-a', 'n1'], ['tolerant', 'n2']]);
    const [refused] = world.publisher.of('allocation.unschedulable') as { data: { pod: string; reasons: unknown[] } }[];
    expect(refused?.data).toMatchObject({ pod: 'to-b', reasons: [
      { filter: 'node-affinity', rejectedNodes: 1, message: expect.stringContaining('required node affinity') },
      { filter: 'taint-toleration', rejectedNodes: 1, message: expect.stringContaining('taint') },
    ] });
    expect((await world.ledgers.getLedger('prod-eu-1', 'n2'))?.ledger.allocations.map((held) => held.pod)).toEqual(['tolerant']);
  });

  it('takes only unconstrained pods on a node whose labels are not recorded yet', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 2)]);
    const [free, picky] = [gatedPod('free'), { ...gatedPod('picky'), spec: { ...gatedPod('picky')['spec'] as object, nodeSelector: { zone: 'a' } } }];
    put(world, free, picky);
    await run(world, [podEvent('pod.upserted', free), podEvent('pod.upserted', picky)]);
    expect(boundTo(world)).toEqual([['free', 'n1']]);
    expect(world.publisher.of('allocation.unschedulable')).toHaveLength(1);
  });

  it('decides waiting pods again when a node\'s labels change, without another unschedulable event', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    await run(world, [nodeEvent('n1', { zone: 'a' })]);
    const waiting = podFor('waits', 'c');
    put(world, waiting);
    await run(world, [podEvent('pod.upserted', waiting)]);
    expect(boundTo(world)).toEqual([]);
    await run(world, [nodeEvent('n1', { zone: 'c' })]);
    expect(boundTo(world)).toEqual([['waits', 'n1']]);
    expect(world.publisher.of('allocation.unschedulable')).toHaveLength(1);
    expect(await world.ledgers.listWaiting('prod-eu-1', 'a100', 10)).toEqual([]);
  });

  it('fills a ledger never told its labels from its Node once, when a batch first reads the pool', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 2), ledgerWith('n2', 2)]);
    world.binder.putNode({ kind: 'Node', metadata: { name: 'n2', uid: 'uid-n2', resourceVersion: '1', labels: { zone: 'b' } }, spec: { taints: [dedicated] } });
    const reads: string[] = [];
    const getNode = world.deps.binder.getNode.bind(world.deps.binder);
    const deps = { ...world.deps, binder: { ...world.deps.binder, getNode: (name: string) => { reads.push(name); return getNode(name); } } };
    const pod = podFor('to-b', 'b', { tolerations: [{ operator: 'Exists' }] });
    put(world, pod);
    await createAllocateGpusHandler(deps)(kafkaEventOf([podEvent('pod.upserted', pod)]), {} as Context);
    expect(boundTo(world)).toEqual([['to-b', 'n2']]);
    expect((await world.ledgers.getLedger('prod-eu-1', 'n2'))?.ledger.scheduling).toEqual({ labels: { zone: 'b' }, taints: [dedicated] });
    expect((await world.ledgers.getLedger('prod-eu-1', 'n1'))?.ledger.scheduling).toBeUndefined();
    await createAllocateGpusHandler(deps)(kafkaEventOf([podEvent('pod.upserted', podFor('other', 'b'))]), {} as Context);
    expect(reads.sort()).toEqual(['n1', 'n1', 'n2']);
  });

  it('keeps a ledger as it is now when filling its labels loses a race', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    world.binder.putNode({ kind: 'Node', metadata: { name: 'n1', uid: 'uid-n1', resourceVersion: '1', labels: { zone: 'a' } } });
    const current = await world.ledgers.getLedger('prod-eu-1', 'n1');
    const writeLedger = world.ledgers.writeLedger.bind(world.ledgers);
    let lose = true;
    const ledgers = { ...world.ledgers, writeLedger: (...args: Parameters<typeof writeLedger>) => (lose ? (lose = false, Promise.resolve({ kind: 'conflict' as const, current })) : writeLedger(...args)) };
    const pod = podFor('to-a', 'a');
    put(world, pod);
    await createAllocateGpusHandler({ ...world.deps, ledgers })(kafkaEventOf([podEvent('pod.upserted', pod)]), {} as Context);
    expect(boundTo(world)).toEqual([]);
    expect(world.publisher.of('allocation.unschedulable')).toHaveLength(1);
  });

  it('records nothing for a node without a ledger, and dead-letters a malformed Node', async () => {
    const world = await allocatorWorld([ledgerWith('n1', 1)]);
    expect(await run(world, [nodeEvent('elsewhere', { zone: 'a' })])).toEqual({ batchItemFailures: [] });
    expect(await world.ledgers.getLedger('prod-eu-1', 'elsewhere')).toBeUndefined();
    expect(await run(world, [nodeEvent('n1', { zone: 'a' }, [{ key: 'broken' }])])).toEqual({ batchItemFailures: [] });
    expect(world.publisher.of('dead-letter')).toHaveLength(1);
    expect((await world.ledgers.getLedger('prod-eu-1', 'n1'))?.ledger.scheduling).toBeUndefined();
  });
});
