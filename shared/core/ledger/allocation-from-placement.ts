import type { LedgerAllocation } from '../../schemas/node-ledger.ts';
import type { Placed } from '../allocation/allocate.ts';
import type { AllocationRequest } from '../allocation/allocation-request.ts';

/** The pod a booking is for. */
export interface PodRef {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
}

/** The ledger entry of a placement: the pod, the amounts on each chosen GPU, whether it holds them whole, and when. */
export function allocationFromPlacement(placement: Placed, options: { readonly pod: PodRef; readonly request: AllocationRequest; readonly at: Date }): LedgerAllocation {
  const { pod, request, at } = options;
  return {
    podUid: pod.uid, namespace: pod.namespace, pod: pod.name, dedicated: request.dedicatedGpu, bookedAt: at.toISOString(),
    gpus: placement.gpus.map((gpu) => ({ uuid: gpu.uuid, tflopsMilli: gpu.tflopsMilli, vramBytes: gpu.vramBytes })),
  };
}
