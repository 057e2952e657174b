import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { allocate, MAX_GPU_COUNT } from './allocate.ts';
import type { PlacementStrategy } from './placement-strategy.ts';
import { bestFit } from './strategies/best-fit.ts';
import { A100, nodeWith, nodeWithShares, percentShare, requestWith } from '../../../test/fixtures/allocation.ts';

const GIB = 2 ** 30;
const snapshot = { nodes: [nodeWithShares('a', [500, 0], {}), nodeWith('b', 4, {})] };

describe('Function: allocate()', () => {
  it('places a request where the strategy picks, with the amounts booked on each GPU', () => {
    expect(allocate(snapshot, requestWith({ perGpu: percentShare(25) }), bestFit)).toEqual({
      kind: 'placed', node: 'a', gpus: [{ uuid: 'a-gpu0', tflopsMilli: 78_000, vramBytes: 10 * GIB }],
    });
  });

  it('books whole devices for a dedicated request', () => {
    expect(allocate(snapshot, requestWith({ dedicatedGpu: true, gpuCount: 2 }), bestFit)).toEqual({
      kind: 'placed', node: 'b', gpus: [{ uuid: 'b-gpu0', ...A100 }, { uuid: 'b-gpu1', ...A100 }],
    });
  });

  it('places a CPU-only request on a node without booking GPUs', () => {
    expect(allocate(snapshot, requestWith({ gpuCount: 0, perGpu: percentShare(0), cpuMilli: 1000 }), bestFit)).toEqual({ kind: 'placed', node: 'a', gpus: [] });
  });

  it('answers unschedulable with what each filter removed', () => {
    expect(allocate(snapshot, requestWith({ gpuCount: 8 }), bestFit)).toEqual({
      kind: 'unschedulable',
      report: [{ filter: 'same-node', removed: { gpus: 6, nodes: 2 }, reason: 'node has fewer than 8 GPUs that passed the filters' }],
    });
  });

  describe('node constraints (nodeSelector, required node affinity, taints)', () => {
    const pool = {
      nodes: [
        nodeWith('zone-a', 2, { labels: { zone: 'a' } }),
        nodeWith('zone-b', 2, { labels: { zone: 'b' }, taints: [{ key: 'dedicated', value: 'training', effect: 'NoSchedule' }] }),
        nodeWith('unrecorded', 2, { labels: undefined }),
      ],
    };
    const zone = (value: string) => [{ matchExpressions: [{ key: 'zone', operator: 'In' as const, values: [value] }] }];
    const training = [{ key: 'dedicated', operator: 'Equal' as const, value: 'training', effect: 'NoSchedule' }];

    it.each([
      { name: 'affinity for zone a: the zone-a node', request: { requiredNodeAffinity: zone('a') }, node: 'zone-a' },
      { name: 'affinity for tainted zone b with the toleration', request: { requiredNodeAffinity: zone('b'), tolerations: training }, node: 'zone-b' },
      { name: 'nodeSelector zone=b with the toleration', request: { nodeSelector: { zone: 'b' }, tolerations: training }, node: 'zone-b' },
    ])('places $name', ({ request, node }) => {
      expect(allocate(pool, requestWith(request), bestFit)).toMatchObject({ kind: 'placed', node });
    });

    it.each([
      {
        name: 'affinity matching no node', request: { requiredNodeAffinity: zone('c') },
        report: [{ filter: 'node-affinity', removed: { gpus: 6, nodes: 3 }, reason: 'node does not match the required node affinity (1 term), or its labels are not recorded yet' }],
      },
      {
        name: 'affinity for tainted zone b without the toleration', request: { requiredNodeAffinity: zone('b') },
        report: [
          { filter: 'node-affinity', removed: { gpus: 4, nodes: 2 }, reason: 'node does not match the required node affinity (1 term), or its labels are not recorded yet' },
          { filter: 'taint-toleration', removed: { gpus: 2, nodes: 1 }, reason: 'node has a NoSchedule or NoExecute taint the pod\'s 0 toleration(s) do not tolerate' },
        ],
      },
    ])('reports $name unschedulable, naming each filter and the nodes it removed', ({ request, report }) => {
      expect(allocate(pool, requestWith(request), bestFit)).toEqual({ kind: 'unschedulable', report });
    });
  });

  it('answers unschedulable for an empty snapshot', () => {
    expect(allocate({ nodes: [] }, requestWith({}), bestFit)).toEqual({
      kind: 'unschedulable', report: [{ filter: 'snapshot', removed: { gpus: 0, nodes: 0 }, reason: 'the snapshot has no GPU nodes' }],
    });
  });

  it.each([
    { name: 'a negative count', gpuCount: -1 },
    { name: 'a fraction', gpuCount: 1.5 },
    { name: 'more than TensorFusion allows', gpuCount: MAX_GPU_COUNT + 1 },
  ])('rejects $name of GPUs as bad input', ({ gpuCount }) => {
    const call = () => allocate(snapshot, requestWith({ gpuCount }), bestFit);
    expect(call).toThrow(AppError);
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(`got ${gpuCount}`) }));
  });

  it.each([
    { name: 'a node', choice: { node: 5, gpus: [] }, message: 'chose node 5 of 2' },
    { name: 'a GPU', choice: { node: 0, gpus: [9] }, message: 'chose GPU 9 of node a' },
  ])('reports a strategy that picks $name outside the candidates as an internal error', ({ choice, message }) => {
    const broken: PlacementStrategy = { name: 'broken', choose: () => choice };
    const call = () => allocate(snapshot, requestWith({}), broken);
    expect(call).toThrow(expect.objectContaining({ code: 'INTERNAL', message: `strategy broken ${message}` }));
  });
});
