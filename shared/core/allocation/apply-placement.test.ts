import { describe, expect, it } from 'vitest';
import { applyPlacement } from './apply-placement.ts';
import { A100, nodeWith, requestWith } from '../../../test/fixtures/allocation.ts';

const GIB = 2 ** 30;

describe('Function: applyPlacement()', () => {
  const tracked = nodeWith('a', 2, { cpuFreeMilli: 8000, memoryFreeMiB: 4096 });
  const other = nodeWith('b', 1, {});
  const snapshot = { nodes: [tracked, other] };

  it('books the amounts on the GPUs, a worker on them and the node, and the CPU and memory', () => {
    const request = requestWith({ cpuMilli: 1000, memoryMiB: 1024 });
    const next = applyPlacement(snapshot, request, { kind: 'placed', node: 'a', gpus: [{ uuid: 'a-gpu1', tflopsMilli: 10_000, vramBytes: 4 * GIB }] });
    expect(next.nodes[0]).toMatchObject({ cpuFreeMilli: 7000, memoryFreeMiB: 3072, workers: 1 });
    expect(next.nodes[0]?.gpus[1]).toMatchObject({ used: { tflopsMilli: 10_000, vramBytes: 4 * GIB }, allocations: 1, wholeGpuTaken: false });
    expect(next.nodes[0]?.gpus[0]).toBe(tracked.gpus[0]);
    expect(next.nodes[1]).toBe(other);
    expect(snapshot.nodes[0]).toBe(tracked);
  });

  it('marks GPUs a dedicated request takes, and leaves untracked CPU and memory untracked', () => {
    const next = applyPlacement(snapshot, requestWith({ dedicatedGpu: true, cpuMilli: 1000 }), { kind: 'placed', node: 'b', gpus: [{ uuid: 'b-gpu0', ...A100 }] });
    expect(next.nodes[1]?.gpus[0]).toMatchObject({ used: A100, wholeGpuTaken: true });
    expect(next.nodes[1]).not.toHaveProperty('cpuFreeMilli');
    expect(next.nodes[1]).not.toHaveProperty('memoryFreeMiB');
  });

  it('adds no worker for a CPU-only placement', () => {
    const next = applyPlacement(snapshot, requestWith({ gpuCount: 0, cpuMilli: 500 }), { kind: 'placed', node: 'a', gpus: [] });
    expect(next.nodes[0]).toMatchObject({ cpuFreeMilli: 7500, workers: 0 });
  });

  it.each([
    { name: 'a node the snapshot lacks', node: 'zz', uuid: 'a-gpu0', message: 'the snapshot has no node zz' },
    { name: 'a GPU the node lacks', node: 'a', uuid: 'b-gpu0', message: 'node a has no GPU b-gpu0' },
  ])('rejects $name', ({ node, uuid, message }) => {
    const call = () => applyPlacement(snapshot, requestWith({}), { kind: 'placed', node, gpus: [{ uuid, tflopsMilli: 1, vramBytes: 1 }] });
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message }));
  });
});
