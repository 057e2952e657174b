import { describe, expect, it } from 'vitest';
import { allocate } from '../allocate.ts';
import { nodeWith, nodeWithShares, percentShare, requestWith } from '../../../../test/fixtures/allocation.ts';
import { bestFit } from './best-fit.ts';

describe('Strategy: best-fit', () => {
  it.each([
    {
      name: 'a share goes to the GPU with the least free share that fits, on the tightest node',
      nodes: [nodeWithShares('roomy', [0, 0], {}), nodeWithShares('tight', [0, 500, 700], {})],
      request: requestWith({ perGpu: percentShare(30) }), node: 'tight', gpus: ['tight-gpu2'],
    },
    {
      name: 'whole GPUs go to idle GPUs in index order',
      nodes: [nodeWithShares('tight', [500, 0, 0], {})],
      request: requestWith({ perGpu: percentShare(100), gpuCount: 2 }), node: 'tight', gpus: ['tight-gpu1', 'tight-gpu2'],
    },
    {
      name: 'CPU left counts as much as GPU left: 0.5 x CPU / 128 cores + 0.5 x GPU / 8 GPUs',
      nodes: [nodeWith('cpu-rich', 1, { cpuFreeMilli: 128_000 }), nodeWith('gpu-rich', 3, { cpuFreeMilli: 8000 })],
      request: requestWith({ cpuMilli: 4000 }), node: 'gpu-rich', gpus: ['gpu-rich-gpu0'],
    },
    {
      name: 'the first node wins a tie',
      nodes: [nodeWith('first', 1, {}), nodeWith('second', 1, {})],
      request: requestWith({}), node: 'first', gpus: ['first-gpu0'],
    },
  ])('$name', ({ nodes, request, node, gpus }) => {
    const placed = allocate({ nodes }, request, bestFit);
    expect(placed).toMatchObject({ kind: 'placed', node, gpus: gpus.map((uuid) => ({ uuid })) });
    expect(bestFit.name).toBe('best-fit');
  });
});
