import type { NodeLedger } from '../../schemas/node-ledger.ts';
import { freeOf, tflopsOn } from '../allocation/gpu-math.ts';
import type { ResourceAmounts } from '../model/workload-spec.ts';
import { nodeFromLedger } from './node-from-ledger.ts';

/**
 * How many more pods asking `requests` on each of `gpuCount` GPUs the pool's ledgers can still hold: per
 * GPU the copies its free compute and VRAM fit (none on a GPU a dedicated worker holds), per node those
 * summed and divided by `gpuCount` (TensorFusion puts all GPUs of a pod on one node). Replica scaling
 * never asks for more: a pod that cannot be placed only waits, gated. A request of nothing fits without end.
 */
export function spareReplicas(ledgers: readonly NodeLedger[], request: { readonly requests: ResourceAmounts; readonly gpuCount: number }): number {
  let spare = 0;
  for (const ledger of ledgers) {
    let copies = 0;
    for (const gpu of nodeFromLedger(ledger).gpus) {
      const free = freeOf(gpu);
      const tflops = tflopsOn(gpu.capacity, request.requests);
      const fits = [[free.tflopsMilli, tflops], [free.vramBytes, request.requests.vramBytes]]
        .filter(([, need]) => (need as number) > 0).map(([room, need]) => Math.floor((room as number) / (need as number)));
      if (fits.length === 0) return Number.POSITIVE_INFINITY;
      copies += Math.min(...fits);
    }
    spare += Math.floor(copies / Math.max(1, request.gpuCount));
  }
  return spare;
}
