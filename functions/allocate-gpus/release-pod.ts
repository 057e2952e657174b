// Release on pod deletion or terminal phase: find where the pod's allocation is held (its index entry,
// else the node its annotations name, else a look through its pool's ledgers) and give it back.
import { BINDING_KEYS } from '../../shared/core/binding/binding-annotations.ts';
import type { ReleaseReason } from '../../shared/core/ledger/pod-intent.ts';
import type { PodObject } from '../../shared/schemas/events/kube-objects.ts';
import { poolOfPod } from '../../shared/schemas/events/key-for.ts';
import type { VersionedLedger, VersionedPodAllocation } from '../../shared/adapters/state/ledger-store.ts';
import type { AllocateDeps } from './deps.ts';
import type { PoolViews } from './pool-view.ts';
import { releaseAllocationOf } from './release-allocation.ts';

/** Where the pod's allocation is held, and its index entry when one was found (`node` undefined: nothing to release). */
async function holding(clusterId: string, pod: PodObject, deps: { readonly deps: AllocateDeps; readonly views: PoolViews }): Promise<{ node: string | undefined; index?: VersionedPodAllocation }> {
  const uid = pod.metadata.uid;
  const index = await deps.deps.ledgers.getPodAllocation(clusterId, uid);
  if (index !== undefined) return { node: index.entry.released ? undefined : index.entry.node, index };
  const annotated = pod.metadata.annotations?.[BINDING_KEYS.allocatedNode];
  if (annotated !== undefined) return { node: annotated };
  return { node: (await deps.views(clusterId, poolOfPod(pod))).holding(uid)?.ledger.node };
}

/** Release the pod's allocation, if it holds one: the ledger as written without it. */
export async function releasePod(clusterId: string, pod: PodObject, options: { readonly reason: ReleaseReason; readonly deps: AllocateDeps; readonly views: PoolViews }): Promise<VersionedLedger | undefined> {
  const { node, index } = await holding(clusterId, pod, options);
  if (node === undefined) return undefined;
  return releaseAllocationOf({ clusterId, node, podUid: pod.metadata.uid, reason: options.reason }, options.deps, index);
}
