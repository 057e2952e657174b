import { DOMAIN } from '../../schemas/annotation-keys.ts';
import type { LedgerAllocation } from '../../schemas/node-ledger.ts';
import { formatBytes, formatMilli } from '../quantity/format-quantity.ts';

/** The annotations the allocator writes on a pod it placed (TensorFusion writes `gpu-ids` at PreBind, reference §4.4). */
export const BINDING_KEYS = {
  /** The GPU uuids, comma separated, in booking order. */
  gpuIds: `${DOMAIN}gpu-ids`,
  /** The node the pod is pinned to. */
  allocatedNode: `${DOMAIN}allocated-node`,
  /** Per GPU what is booked: `<uuid>=<tflops>/<vram>`, comma separated (`GPU-0=10/4Gi`). */
  gpuShares: `${DOMAIN}gpu-shares`,
} as const;

/** The annotations that tell the pod (through its downwardAPI volume) and humans which GPUs it holds, and how much of each. */
export function bindingAnnotations(allocation: LedgerAllocation, node: string): Record<string, string> {
  return {
    [BINDING_KEYS.gpuIds]: allocation.gpus.map((gpu) => gpu.uuid).join(','),
    [BINDING_KEYS.allocatedNode]: node,
    [BINDING_KEYS.gpuShares]: allocation.gpus.map((gpu) => `${gpu.uuid}=${formatMilli(gpu.tflopsMilli)}/${formatBytes(gpu.vramBytes)}`).join(','),
  };
}
