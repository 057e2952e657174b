import { AppError } from '../errors.ts';
import type { Placed } from './allocate.ts';
import type { AllocationRequest } from './allocation-request.ts';
import type { GpuDevice, GpuNode, GpuSnapshot } from './gpu-snapshot.ts';

const less = (free: number | undefined, taken: number): number | undefined => (free === undefined ? undefined : free - taken);

function bookNode(node: GpuNode, request: AllocationRequest, placement: Placed): GpuNode {
  const booked = new Map(placement.gpus.map((gpu) => [gpu.uuid, gpu]));
  const gpus = node.gpus.map((gpu): GpuDevice => {
    const amounts = booked.get(gpu.uuid);
    if (amounts === undefined) return gpu;
    booked.delete(gpu.uuid);
    return {
      ...gpu,
      used: { tflopsMilli: gpu.used.tflopsMilli + amounts.tflopsMilli, vramBytes: gpu.used.vramBytes + amounts.vramBytes },
      allocations: gpu.allocations + 1,
      wholeGpuTaken: gpu.wholeGpuTaken || request.dedicatedGpu,
    };
  });
  if (booked.size > 0) throw new AppError('INVALID_INPUT', `node ${node.name} has no GPU ${[...booked.keys()].join(', ')}`);
  const cpuFreeMilli = less(node.cpuFreeMilli, request.cpuMilli);
  const memoryFreeMiB = less(node.memoryFreeMiB, request.memoryMiB);
  return {
    ...node,
    ...(cpuFreeMilli === undefined ? {} : { cpuFreeMilli }),
    ...(memoryFreeMiB === undefined ? {} : { memoryFreeMiB }),
    workers: node.workers + (placement.gpus.length > 0 ? 1 : 0),
    gpus,
  };
}

/**
 * The snapshot with a placement booked: the request's amounts added to its GPUs, one more worker on
 * them and on the node, the pod's CPU and memory taken where tracked. Pure: only the one node and its
 * booked GPUs are new objects, everything else is shared with the input, so caches keyed by node
 * objects stay valid for the nodes that did not change.
 */
export function applyPlacement(snapshot: GpuSnapshot, request: AllocationRequest, placement: Placed): GpuSnapshot {
  const index = snapshot.nodes.findIndex((node) => node.name === placement.node);
  const node = snapshot.nodes[index];
  if (node === undefined) throw new AppError('INVALID_INPUT', `the snapshot has no node ${placement.node}`, { details: { node: placement.node } });
  const nodes = snapshot.nodes.slice();
  nodes[index] = bookNode(node, request, placement);
  return { ...snapshot, nodes };
}
