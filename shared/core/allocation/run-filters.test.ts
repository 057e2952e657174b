import { describe, expect, it } from 'vitest';
import { createAllocationContext } from './allocation-context.ts';
import { DEFAULT_FILTERS } from './default-filters.ts';
import { runFilters } from './run-filters.ts';
import { nodeWith, nodeWithShares, percentShare, requestWith } from '../../../test/fixtures/allocation.ts';

describe('Function: runFilters()', () => {
  const snapshot = {
    nodes: [
      nodeWith('other-pool', 2, { pool: 'training' }),
      nodeWithShares('busy', [900, 900, 0, 0], {}),
      nodeWithShares('half', [0, 0, 500, 500], {}),
      nodeWith('no-cpu', 4, { cpuFreeMilli: 1000 }),
    ],
  };

  it('keeps the nodes that pass, each with its candidate GPUs, and counts what each filter removed', () => {
    const request = requestWith({ pool: 'default-pool', gpuCount: 3, perGpu: percentShare(50), cpuMilli: 2000 });
    const { candidates, report } = runFilters(snapshot, createAllocationContext(request), DEFAULT_FILTERS);
    expect(candidates.nodes.map((node) => node.name)).toEqual(['half']);
    expect(candidates.masks).toEqual([0b1111]);
    expect(report).toEqual([
      { filter: 'pool', removed: { gpus: 2, nodes: 1 }, reason: 'node is not in pool default-pool' },
      { filter: 'node-resources', removed: { gpus: 4, nodes: 1 }, reason: 'node has less than 2000m CPU or 0Mi memory free' },
      { filter: 'gpu-resources', removed: { gpus: 2, nodes: 0 }, reason: 'GPU has less than the requested TFLOPS or VRAM free' },
      { filter: 'same-node', removed: { gpus: 2, nodes: 1 }, reason: 'node has fewer than 3 GPUs that passed the filters' },
    ]);
  });

  it('drops a node whose last candidate GPU a GPU filter removes', () => {
    const request = requestWith({ gpuModels: ['t4'] });
    const { candidates, report } = runFilters({ nodes: [nodeWith('a100', 2, {})] }, createAllocationContext(request), DEFAULT_FILTERS);
    expect(candidates.nodes).toEqual([]);
    expect(report).toEqual([{ filter: 'gpu-model', removed: { gpus: 2, nodes: 1 }, reason: 'GPU model is not one of t4' }]);
  });

  it('skips the GPU filters for a CPU-only request, so full nodes and nodes without GPUs still count', () => {
    const request = requestWith({ gpuCount: 0, perGpu: percentShare(0), gpuModels: ['t4'] });
    const nodes = [nodeWithShares('full', [1000], {}), nodeWith('cpu-only', 0, {})];
    const { candidates, report } = runFilters({ nodes }, createAllocationContext(request), DEFAULT_FILTERS);
    expect(candidates.nodes.map((node) => node.name)).toEqual(['full', 'cpu-only']);
    expect(candidates.masks).toEqual([0b1, 0]);
    expect(report).toEqual([]);
  });
});
