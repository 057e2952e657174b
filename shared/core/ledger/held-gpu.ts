import type { GpuCapacity } from '../autoscaling/workload-baseline.ts';
import type { NodeLedger } from '../../schemas/node-ledger.ts';
import { findAllocation } from './book-allocation.ts';

/**
 * The capacity of the GPU a pod's booking sits on (its first GPU, the one a percent request is counted
 * against when it is resized): what its compute percent and TFLOPS annotations convert through. The
 * catalogue's model of the workload only guesses it; the ledger knows where the pod landed.
 * `undefined` when the ledger holds no booking of the pod or no longer lists that GPU.
 */
export function heldGpu(ledger: NodeLedger, podUid: string): GpuCapacity | undefined {
  const first = findAllocation(ledger, podUid)?.gpus[0];
  const gpu = first === undefined ? undefined : ledger.gpus.find((candidate) => candidate.uuid === first.uuid);
  return gpu === undefined ? undefined : { vramBytes: gpu.capacity.vramBytes, tflops: gpu.capacity.tflopsMilli / 1000 };
}
