import { existsSync, readFileSync } from 'node:fs';
import { linesError } from '../../../shared/adapters/gpu/line-issue.ts';
import { parseOpenbFleet } from '../../../shared/adapters/gpu/openb-fleet.ts';
import type { GpuNodeSpec } from '../kubernetes/nodes.ts';
import { NODE_POOL_LABEL } from '../../../shared/schemas/annotation-keys.ts';

/** The Node label naming a node's pool, as the node-agent reads it (`agents/node-agent/setup.ts` `poolOf`). */

/**
 * GPU nodes from an openb node list (`sn,cpu_milli,memory_mib,gpu,model`, ../shared/data/openb):
 * the first `limit` GPU nodes, in the given pool, as Node objects to register. No file gives no
 * nodes; a bad line is `INVALID_INPUT` naming every bad line.
 */
export function readOpenbFleet(path: string, options: { limit: number; pool: string }): GpuNodeSpec[] {
  if (!existsSync(path)) return [];
  const parsed = parseOpenbFleet(readFileSync(path, 'utf8'));
  if (parsed.issues.length > 0) throw linesError(`openb fleet ${path}`, parsed.issues);
  return parsed.values.filter((node) => node.gpus > 0).slice(0, options.limit).map((node) => ({
    name: node.name, model: node.model, gpus: node.gpus, cpu: `${node.cpuMilli}m`, memory: `${node.memoryMib}Mi`,
    labels: { [NODE_POOL_LABEL]: options.pool, 'vgpu-control/fleet': 'openb' },
  }));
}
