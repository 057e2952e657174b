// The nvidia-smi source on output captured from a real NVIDIA H200 (driver 580.159.04, CUDA 13.0) by
// infra/device/capture-gpu-samples.sh: idle, then under a torch matmul load. The process ran outside
// Kubernetes (its cgroup is `/process_api/...`), so it must count as a host process, not a workload.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../../shared/core/catalogue/gpu-catalogue.ts';
import { buildInventory } from '../inventory.ts';
import { createNvidiaSmiSource, type RunCommand } from './nvidia-smi-source.ts';

const capture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/gpu/real-h200/${name}`, import.meta.url), 'utf8');
const MIB = 1_048_576;
const UUID = 'GPU-908b87d1-f6e6-2d04-16d7-374256c4f4b8';
const proc = mkdtempSync(join(tmpdir(), 'proc-h200-'));
afterAll(() => rmSync(proc, { recursive: true, force: true }));
mkdirSync(join(proc, '498'), { recursive: true });
writeFileSync(join(proc, '498', 'cgroup'), capture('proc-cgroup.txt').split('\n').filter((line) => !line.startsWith('#'))[0] ?? '');

const run = (state: 'idle' | 'load'): RunCommand => async (_command, args) =>
  capture(args[0]?.startsWith('--query-gpu') ? `nvidia-smi-gpus-${state}.csv` : `nvidia-smi-apps-${state}.csv`);
const source = (state: 'idle' | 'load') => createNvidiaSmiSource({ run: run(state), procRoot: proc, pods: { byUid: async () => undefined } });

describe('Source: nvidia-smi on a real H200', () => {
  it('discovers the GPU with the memory the driver reports, and the catalogue knows its name', async () => {
    const gpus = await source('idle').discover();
    expect(gpus).toEqual([{ uuid: UUID, index: 0, model: 'NVIDIA H200', vramBytes: 143_771 * MIB }]);
    const inventory = buildInventory(gpus, { clusterId: 'lab', node: 'h200-1', pool: 'h200', catalogue: builtinCatalogue, time: '2026-11-28T16:20:23Z' });
    expect(inventory.data.gpus).toEqual([{ uuid: UUID, index: 0, model: 'NVIDIA H200', vramBytes: 143_771 * MIB, fp16TflopsMilli: 989_000 }]);
  });

  it.each([
    { name: 'idle: no process, nothing used', state: 'idle' as const, computePercent: 0, vramBytes: 0 },
    { name: 'under load: full compute, the process memory plus the driver context', state: 'load' as const, computePercent: 100, vramBytes: 4_723 * MIB },
  ])('samples the GPU $name and reports no workload for a host process', async ({ state, computePercent, vramBytes }) => {
    const { sample, incomplete } = await source(state).sample(0);
    expect(incomplete).toBe(0);
    expect(sample.gpus).toEqual([expect.objectContaining({ uuid: UUID, computePercent, vramBytes })]);
    expect(sample.workloads).toEqual([]);
  });
});
