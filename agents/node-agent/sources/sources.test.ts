import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PodLookup } from '../../../shared/adapters/kubernetes/informers/node-pod-lookup.ts';
import { createDcgmSource } from './dcgm-source.ts';
import { createNvidiaSmiSource, type RunCommand } from './nvidia-smi-source.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/gpu/${name}`, import.meta.url), 'utf8');
const MIB = 1_048_576;
const proc = mkdtempSync(join(tmpdir(), 'proc-'));
afterAll(() => rmSync(proc, { recursive: true, force: true }));

/** /proc/<pid>/cgroup for the apps fixture: 48211 and 48390 in pod A, 51007 in pod B, 2231 a host process. */
const cgroup = (pid: number, text: string) => { mkdirSync(join(proc, String(pid)), { recursive: true }); writeFileSync(join(proc, String(pid), 'cgroup'), text); };
cgroup(48211, fixture('cgroup-v1.txt'));
cgroup(48390, fixture('cgroup-v1.txt'));
cgroup(51007, fixture('cgroup-v2.txt'));
cgroup(2231, '0::/system.slice/sshd.service\n');

const pods: PodLookup = {
  byUid: async (uid) => ({
    '7d2c1e0a-9b3f-4c55-8a1e-2f6b0c9d8e71': { namespace: 'ml', pod: 'train-a', container: 'main' },
    '5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9': { namespace: 'ml', pod: 'train-b' },
  })[uid],
};
const run = (outputs: { gpus: string; apps: string }): RunCommand => async (_command, args) => (args[0]?.startsWith('--query-gpu') ? outputs.gpus : outputs.apps);

describe('Source: nvidia-smi', () => {
  const source = createNvidiaSmiSource({ run: run({ gpus: fixture('nvidia-smi-gpus.csv'), apps: fixture('nvidia-smi-apps.csv') }), procRoot: proc, pods });

  it('discovers every GPU with its total memory', async () => {
    const gpus = await source.discover();
    expect(gpus).toHaveLength(8);
    expect(gpus[0]).toEqual({ uuid: 'GPU-1c4f4b6e-7f5a-2d3b-9c1e-0a1b2c3d4e50', index: 0, model: 'NVIDIA A100-SXM4-80GB', vramBytes: 81920 * MIB });
  });

  it('samples GPUs, maps processes to pods through their cgroup, and leaves out what is [N/A]', async () => {
    const { sample, incomplete } = await source.sample(1_000);
    expect(sample.atMs).toBe(1_000);
    expect(sample.gpus.map((gpu) => gpu.uuid.slice(-1))).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(incomplete).toBe(3);
    expect(sample.workloads).toEqual([
      { namespace: 'ml', pod: 'train-a', container: 'main', gpuUuid: 'GPU-1c4f4b6e-7f5a-2d3b-9c1e-0a1b2c3d4e50', computePercent: 87, vramBytes: 40448 * MIB },
      { namespace: 'ml', pod: 'train-b', gpuUuid: 'GPU-1c4f4b6e-7f5a-2d3b-9c1e-0a1b2c3d4e52', computePercent: 100, vramBytes: 79040 * MIB },
    ]);
  });

  it('splits a shared GPU by memory, leaving a host process its share', async () => {
    const gpus = '0, GPU-x, Tesla T4, 15360, 4000, 60\n';
    const apps = 'GPU-x, 48211, 1000\nGPU-x, 2231, 2000\nGPU-x, 51007, 1000\nGPU-x, 999999, 0\n';
    const { sample } = await createNvidiaSmiSource({ run: run({ gpus, apps }), procRoot: proc, pods }).sample(0);
    expect(sample.workloads.map((w) => [w.pod, w.computePercent])).toEqual([['train-a', 15], ['train-b', 15]]);
  });

  it.each([
    { name: 'the GPU query', gpus: 'garbage', apps: '', message: 'nvidia-smi --query-gpu output has 1 bad line(s): line 1' },
    { name: 'the apps query', gpus: '0, GPU-x, Tesla T4, 1, 1, 1', apps: 'GPU-x, pid', message: 'nvidia-smi --query-compute-apps output has 1 bad line(s)' },
  ])('fails the sample on bad output of $name', async ({ gpus, apps, message }) => {
    await expect(createNvidiaSmiSource({ run: run({ gpus, apps }), procRoot: proc, pods, binary: '/usr/bin/nvidia-smi' }).sample(0))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(message) });
  });
});

describe('Source: dcgm-exporter', () => {
  const source = createDcgmSource({ url: 'http://node:9400/metrics', fetchPage: async () => fixture('dcgm-exporter.txt') });

  it('discovers GPUs with used + free + reserved framebuffer as their memory', async () => {
    expect((await source.discover()).map((gpu) => [gpu.index, gpu.model, gpu.vramBytes])).toEqual([0, 1, 2, 3].map((index) => [index, 'Tesla T4', 14931 * MIB]));
  });

  it('samples GPUs and attributes them to pods, splitting a shared GPU evenly', async () => {
    const { sample, incomplete } = await source.sample(5);
    expect(incomplete).toBe(0);
    expect(sample.gpus[1]).toEqual({ uuid: 'GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e51', computePercent: 41, vramBytes: 7020 * MIB });
    expect(sample.workloads.map((w) => [w.pod, w.computePercent, w.vramBytes / MIB])).toEqual([
      ['bert-train-0', 97, 12830], ['llm-a-5d9f7-abcde', 20.5, 3510], ['llm-b-6c8e1-fghij', 20.5, 3510], ['resnet-eval-0', 23, 2931],
    ]);
  });

  it('leaves out GPUs without utilisation or memory, and fails on a bad page', async () => {
    const partial = createDcgmSource({ url: 'u', fetchPage: async () => 'DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-a"} 5\n' });
    expect(await partial.sample(0)).toEqual({ sample: { atMs: 0, gpus: [], workloads: [] }, incomplete: 1 });
    expect(await partial.discover()).toEqual([]);
    const broken = createDcgmSource({ url: 'u', fetchPage: async () => 'DCGM_FI_DEV_GPU_UTIL{gpu="0" 5\n' });
    await expect(broken.sample(0)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
