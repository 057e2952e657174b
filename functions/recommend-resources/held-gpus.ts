import type { GpuCapacity } from '../../shared/core/autoscaling/workload-baseline.ts';
import type { GpuLedger } from '../../shared/ports/gpu-ledger.ts';

/** The GPU a pod holds, by cluster and pod uid; `undefined` when no ledger holds it (or there is no ledger). */
export type HeldGpus = (pod: { readonly clusterId: string; readonly podUid: string }, ledger: GpuLedger | undefined) => Promise<GpuCapacity | undefined>;

/**
 * {@link GpuLedger.heldGpu} read once per pod for the life of the instance, answers and misses alike: a
 * booking stays on its GPU for the pod's life (a resize changes the amounts, never the GPU), and allocate-gpus
 * books a pod before it runs, so a pod reporting usage without a booking will not gain one. At most
 * `limit` pods are kept, the oldest going first; one per workload is read (its lead pod).
 */
export function heldGpus(limit = 10_000): HeldGpus {
  const known = new Map<string, GpuCapacity | undefined>();
  return async (pod, ledger) => {
    if (ledger === undefined) return undefined;
    const key = `${pod.clusterId}/${pod.podUid}`;
    if (known.has(key)) return known.get(key);
    const held = await ledger.heldGpu(pod);
    known.set(key, held);
    if (known.size > limit) known.delete(known.keys().next().value as string);
    return held;
  };
}
