import type { GpuCapacity } from '../../shared/core/autoscaling/workload-baseline.ts';
import type { GpuLedger, HeldPod } from '../../shared/ports/gpu-ledger.ts';

/** The GPU a pod holds, by cluster and pod uid; `undefined` when no ledger holds it (or there is no ledger). */
export interface HeldGpus {
  (pod: HeldPod, ledger: GpuLedger | undefined): Promise<GpuCapacity | undefined>;
  /**
   * Read ahead the pods not known yet, together ({@link GpuLedger.heldGpus}), so the calls for them that
   * follow make none. Nothing to read (no ledger, or every pod known): no call.
   */
  prefetch(pods: readonly HeldPod[], ledger: GpuLedger | undefined): Promise<void>;
}

const podKey = (pod: HeldPod): string => `${pod.clusterId}/${pod.podUid}`;

/**
 * {@link GpuLedger.heldGpu} read once per pod for the life of the instance, answers and misses alike: a
 * booking stays on its GPU for the pod's life (a resize changes the amounts, never the GPU), and allocate-gpus
 * books a pod before it runs, so a pod reporting usage without a booking will not gain one. At most
 * `limit` pods are kept, the oldest going first; one per workload is read (its lead pod), a cold batch's
 * together through `prefetch`.
 */
export function heldGpus(limit = 10_000): HeldGpus {
  const known = new Map<string, GpuCapacity | undefined>();
  const remember = (key: string, held: GpuCapacity | undefined): void => {
    known.set(key, held);
    if (known.size > limit) known.delete(known.keys().next().value as string);
  };
  const held = async (pod: HeldPod, ledger: GpuLedger | undefined): Promise<GpuCapacity | undefined> => {
    if (ledger === undefined) return undefined;
    const key = podKey(pod);
    if (known.has(key)) return known.get(key);
    const answer = await ledger.heldGpu(pod);
    remember(key, answer);
    return answer;
  };
  const prefetch = async (pods: readonly HeldPod[], ledger: GpuLedger | undefined): Promise<void> => {
    const missing = [...new Map(pods.filter((pod) => !known.has(podKey(pod))).map((pod) => [podKey(pod), pod])).values()];
    if (ledger === undefined || missing.length === 0) return;
    const answers = await ledger.heldGpus(missing);
    missing.forEach((pod, index) => remember(podKey(pod), answers[index]));
  };
  return Object.assign(held, { prefetch });
}
