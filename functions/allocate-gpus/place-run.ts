// A run of gated pods from consecutive records (distinct pods): their index entries read at once, each pod
// planned on the snapshot in record order with its booking staged in memory, then ONE conditional write per
// changed node for the whole run (a decision is still atomic: all of a pod's GPUs sit on one node). Pods on a
// node whose write lost a race are booked again one by one. What is left per pod is its bind.
import type { VersionedLedger, VersionedPodAllocation } from '../../shared/adapters/state/ledger-store.ts';
import type { AllocationRequest } from '../../shared/core/allocation/allocation-request.ts';
import type { PodRef } from '../../shared/core/ledger/allocation-from-placement.ts';
import type { PodObject } from '../../shared/schemas/events/kube-objects.ts';
import { poolOfPod } from '../../shared/schemas/events/key-for.ts';
import { bindBooking } from './bind-booking.ts';
import { bookPlacement, flushStaged, stagePlacement } from './book-placement.ts';
import type { AllocateDeps } from './deps.ts';
import { existingBooking, placementStart, podRefOf, reportUnschedulable, type EventOrigin, type PendingBind } from './place-pod.ts';
import type { PoolView, PoolViews } from './pool-view.ts';

/** One gated pod of a run and the event that carried it. */
export interface RunItem {
  readonly pod: PodObject;
  readonly origin: EventOrigin;
}

interface Staged {
  readonly ref: PodRef;
  readonly request: AllocationRequest;
  readonly item: RunItem;
  readonly view: PoolView;
  /** The node the booking was staged on. */
  readonly node: string;
  readonly index: VersionedPodAllocation | undefined;
}

/** Plan the pods in order: a booking found is bound as is, a new one is staged, a pod that fits nowhere is reported. */
async function planRun(items: readonly RunItem[], context: { readonly deps: AllocateDeps; readonly views: PoolViews; readonly binds: Map<string, PendingBind> }): Promise<Staged[]> {
  const { deps, views, binds } = context;
  const found = await Promise.all(items.map(async (item) => {
    const view = await views(item.origin.clusterId, poolOfPod(item.pod));
    const ref = podRefOf(item.pod);
    return { item, view, ref, existing: await existingBooking(ref, view, deps) };
  }));
  const staged: Staged[] = [];
  for (const { item, view, ref, existing } of found) {
    const start = await placementStart(existing, { object: item.pod, ref }, { origin: item.origin, view, deps });
    if (start.kind === 'held') binds.set(ref.uid, () => bindBooking(ref, { held: start.held, index: start.index, view, deps }));
    if (start.kind !== 'request') continue;
    const outcome = await stagePlacement(ref, start.request, { view, deps });
    if (typeof outcome === 'string') staged.push({ ref, request: start.request, item, view, node: outcome, index: start.index });
    else await reportUnschedulable(ref, outcome.report, { origin: item.origin, view, deps });
  }
  return staged;
}

/** Place the run; the bind still to do per pod uid. */
export async function placeRun(items: readonly RunItem[], context: { readonly deps: AllocateDeps; readonly views: PoolViews }): Promise<Map<string, PendingBind>> {
  const { deps } = context;
  const binds = new Map<string, PendingBind>();
  const staged = await planRun(items, { ...context, binds });
  const lost = new Set<string>();
  for (const view of new Set(staged.map((entry) => entry.view))) (await flushStaged(view, deps)).forEach((uid) => lost.add(uid));
  for (const { ref, request, item, view, node, index } of staged) {
    // Written: the node's ledger as written. Lost: the ledger that holds the pod now (another writer booked
    // it), else booked again on the refreshed view.
    const held = lost.has(ref.uid) ? view.holding(ref.uid) ?? await bookPlacement(ref, request, { view, deps }) : view.ledger(node) as VersionedLedger;
    if ('kind' in held) {
      await reportUnschedulable(ref, held.report, { origin: item.origin, view, deps });
      continue;
    }
    binds.set(ref.uid, () => bindBooking(ref, { held, index, view, deps }));
  }
  return binds;
}
