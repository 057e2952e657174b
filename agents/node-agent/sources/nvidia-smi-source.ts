import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { podOfCgroup } from '../../../shared/adapters/gpu/cgroup-pod.ts';
import { linesError } from '../../../shared/adapters/gpu/line-issue.ts';
import { NVIDIA_SMI_APPS_ARGS, parseNvidiaSmiApps, type ComputeApp } from '../../../shared/adapters/gpu/nvidia-smi-apps.ts';
import { NVIDIA_SMI_GPU_ARGS, parseNvidiaSmiGpus, type NvidiaSmiGpu } from '../../../shared/adapters/gpu/nvidia-smi-gpus.ts';
import type { GpuSample, WorkloadSample } from '../../../shared/core/metrics/node-sample.ts';
import { splitByWeight } from '../../../shared/core/metrics/split-by-weight.ts';
import type { GpuSource, SampleReading } from './gpu-source.ts';
import type { PodIdentity, PodLookup } from '../../../shared/adapters/kubernetes/informers/node-pod-lookup.ts';

/** Runs a command and resolves with its stdout. */
export type RunCommand = (command: string, args: readonly string[]) => Promise<string>;

/** Options of {@link createNvidiaSmiSource}. */
export interface NvidiaSmiOptions {
  readonly run: RunCommand;
  /** The nvidia-smi binary (default `nvidia-smi`). */
  readonly binary?: string;
  /** Where the host's /proc is (`/host/proc` in the DaemonSet). */
  readonly procRoot: string;
  readonly pods: PodLookup;
}

async function readGpus(options: NvidiaSmiOptions): Promise<NvidiaSmiGpu[]> {
  const parsed = parseNvidiaSmiGpus(await options.run(options.binary ?? 'nvidia-smi', NVIDIA_SMI_GPU_ARGS));
  if (parsed.issues.length > 0) throw linesError('nvidia-smi --query-gpu', parsed.issues);
  return parsed.values;
}

/** The pod of a process, from /proc/<pid>/cgroup; undefined for a host process or one already gone. */
async function podOfProcess(options: NvidiaSmiOptions, pid: number): Promise<PodIdentity | undefined> {
  const cgroup = await readFile(join(options.procRoot, String(pid), 'cgroup'), 'utf8').catch(() => '');
  const found = podOfCgroup(cgroup);
  return found === undefined ? undefined : options.pods.byUid(found.podUid, found.containerId);
}

/** Per-process memory summed per pod on each GPU; the GPU's utilisation split in proportion to memory. */
async function workloadsOf(options: NvidiaSmiOptions, input: { gpus: readonly GpuSample[]; apps: readonly ComputeApp[] }): Promise<WorkloadSample[]> {
  const samples: WorkloadSample[] = [];
  for (const gpu of input.gpus) {
    const apps = input.apps.filter((app) => app.gpuUuid === gpu.uuid && app.usedMemoryBytes !== undefined);
    const owners = await Promise.all(apps.map((app) => podOfProcess(options, app.pid)));
    const shares = splitByWeight(gpu.computePercent, apps.map((app) => app.usedMemoryBytes ?? 0));
    const byPod = new Map<string, WorkloadSample>();
    owners.forEach((owner, at) => {
      if (owner === undefined) return;
      const key = `${owner.namespace}/${owner.pod}/${owner.container ?? ''}`;
      const before = byPod.get(key);
      byPod.set(key, {
        ...owner, gpuUuid: gpu.uuid,
        computePercent: (before?.computePercent ?? 0) + (shares[at] ?? 0), vramBytes: (before?.vramBytes ?? 0) + (apps[at]?.usedMemoryBytes ?? 0),
      });
    });
    samples.push(...byPod.values());
  }
  return samples;
}

/**
 * GPUs from `nvidia-smi --query-gpu` and their processes from `--query-compute-apps`, each process mapped
 * to its pod through `/proc/<pid>/cgroup`. nvidia-smi gives no per-process utilisation, so a shared GPU's
 * utilisation is split between its pods in proportion to their memory (an estimate; a GPU with one pod
 * gives it all). A GPU whose utilisation or memory is `[N/A]` is left out of the sample and counted.
 */
export function createNvidiaSmiSource(options: NvidiaSmiOptions): GpuSource {
  return {
    name: 'nvidia-smi',
    async discover() {
      return (await readGpus(options)).flatMap((gpu) => (gpu.memoryTotalBytes === undefined ? [] : [{ uuid: gpu.uuid, index: gpu.index, model: gpu.name, vramBytes: gpu.memoryTotalBytes }]));
    },
    async sample(atMs): Promise<SampleReading> {
      const rows = await readGpus(options);
      const gpus = rows.flatMap((row): GpuSample[] =>
        (row.utilizationPercent === undefined || row.memoryUsedBytes === undefined ? [] : [{ uuid: row.uuid, computePercent: row.utilizationPercent, vramBytes: row.memoryUsedBytes }]));
      const apps = parseNvidiaSmiApps(await options.run(options.binary ?? 'nvidia-smi', NVIDIA_SMI_APPS_ARGS));
      if (apps.issues.length > 0) throw linesError('nvidia-smi --query-compute-apps', apps.issues);
      const workloads = await workloadsOf(options, { gpus, apps: apps.values });
      const incomplete = rows.length - gpus.length + apps.values.filter((app) => app.usedMemoryBytes === undefined).length;
      return { sample: { atMs, gpus, workloads }, incomplete };
    },
  };
}
