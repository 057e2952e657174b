import { existsSync, readFileSync } from 'node:fs';
import type { GpuNodeSpec } from '../kubernetes/nodes.ts';

/**
 * GPU nodes from an openb node list (`sn,cpu_milli,memory_mib,gpu,model`, ../shared/data/openb):
 * the first `limit` GPU nodes, in the given pool, as Node objects to register.
 */
export function readOpenbFleet(path: string, options: { limit: number; pool: string }): GpuNodeSpec[] {
  if (!existsSync(path)) return [];
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  const nodes: GpuNodeSpec[] = [];
  for (const row of rows) {
    const [name, cpuMilli, memoryMib, gpus, model] = row.split(',');
    if (name === undefined || model === undefined || Number(gpus) <= 0) continue;
    nodes.push({
      name, model, gpus: Number(gpus), cpu: `${cpuMilli}m`, memory: `${memoryMib}Mi`,
      labels: { 'tensor-fusion.ai/gpupool': options.pool, 'vgpu-control/fleet': 'openb' },
    });
    if (nodes.length >= options.limit) break;
  }
  return nodes;
}
