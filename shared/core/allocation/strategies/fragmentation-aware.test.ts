import { describe, expect, it } from 'vitest';
import { allocate } from '../allocate.ts';
import { applyPlacement } from '../apply-placement.ts';
import type { GpuSnapshot } from '../gpu-snapshot.ts';
import { nodeWith, nodeWithShares, percentShare, requestWith } from '../../../../test/fixtures/allocation.ts';
import { workloadDistribution } from '../workload-distribution.ts';
import { createFragmentationAware } from './fragmentation-aware.ts';

const halfGpu = requestWith({ perGpu: percentShare(50), cpuMilli: 4000 });
const eightGpus = requestWith({ perGpu: percentShare(100), gpuCount: 8, cpuMilli: 64_000 });
const cpuOnly = requestWith({ gpuCount: 0, perGpu: percentShare(0), cpuMilli: 32_000 });

describe('Strategy: fragmentation-aware', () => {
  const strategy = createFragmentationAware({ distribution: workloadDistribution([halfGpu, halfGpu, halfGpu, eightGpus]) });

  it.each([
    {
      name: 'a half GPU fills a half-used GPU instead of breaking an idle node an 8-GPU pod needs',
      nodes: [nodeWith('idle', 8, { cpuFreeMilli: 96_000 }), nodeWithShares('used', [500, 0], { cpuFreeMilli: 96_000 })],
      request: halfGpu, node: 'used', gpus: ['used-gpu0'],
    },
    {
      name: 'a CPU-only pod goes where CPU is to spare rather than starving GPUs',
      nodes: [nodeWith('gpu-dense', 8, { cpuFreeMilli: 96_000 }), nodeWith('cpu-rich', 2, { cpuFreeMilli: 104_000 })],
      request: cpuOnly, node: 'cpu-rich', gpus: [],
    },
    {
      name: 'the tightest fit breaks a tie',
      nodes: [nodeWith('roomy', 2, {}), nodeWith('snug', 1, {})],
      request: requestWith({ perGpu: percentShare(100) }), node: 'snug', gpus: ['snug-gpu0'],
    },
  ])('$name', ({ nodes, request, node, gpus }) => {
    expect(strategy.name).toBe('fragmentation-aware');
    expect(allocate({ nodes }, request, strategy)).toMatchObject({ kind: 'placed', node, gpus: gpus.map((uuid) => ({ uuid })) });
  });

  it('decides the same from remembered options, and sees a node once it changes', () => {
    let snapshot: GpuSnapshot = { nodes: [nodeWith('a', 2, {}), nodeWith('b', 2, {})] };
    const first = allocate(snapshot, halfGpu, strategy);
    expect(allocate(snapshot, halfGpu, strategy)).toEqual(first);
    if (first.kind !== 'placed') throw new Error('expected a placement');
    snapshot = applyPlacement(snapshot, halfGpu, first);
    expect(allocate(snapshot, halfGpu, strategy)).toMatchObject({ kind: 'placed', node: first.node, gpus: first.gpus.map(({ uuid }) => ({ uuid })) });
  });

  it('places by best fit while it knows no workload yet', () => {
    const blind = createFragmentationAware({ distribution: { classes: [] } });
    const nodes = [nodeWith('roomy', 4, {}), nodeWithShares('snug', [700, 0], {})];
    expect(allocate({ nodes }, requestWith({ perGpu: percentShare(30) }), blind)).toMatchObject({ kind: 'placed', node: 'snug', gpus: [{ uuid: 'snug-gpu0' }] });
  });
});
