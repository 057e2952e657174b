// Decide on the pool snapshot, then ONE conditional write of the chosen node's ledger (ARCHITECTURE §4).
// A lost race refreshes that node from the conflict's current item and plans again; if the winner of the
// race booked this very pod (a redelivery running twice), its booking is taken as ours.
import { DEFAULT_LEDGER_ATTEMPTS, type VersionedLedger } from '../../shared/adapters/state/ledger-store.ts';
import { allocate, type Unschedulable } from '../../shared/core/allocation/allocate.ts';
import type { AllocationRequest } from '../../shared/core/allocation/allocation-request.ts';
import type { PlacementStrategy } from '../../shared/core/allocation/placement-strategy.ts';
import { AppError } from '../../shared/core/errors.ts';
import { allocationFromPlacement, type PodRef } from '../../shared/core/ledger/allocation-from-placement.ts';
import { bookAllocation, findAllocation } from '../../shared/core/ledger/book-allocation.ts';
import type { NodeLedger } from '../../shared/schemas/node-ledger.ts';
import type { AllocateDeps } from './deps.ts';
import type { PoolView } from './pool-view.ts';

type Planned = { readonly kind: 'planned'; readonly current: VersionedLedger; readonly next: NodeLedger };

/**
 * Plan the pod on the view's snapshot: the chosen node's ledger as held and with the pod's booking added (as
 * it is, when it holds the pod already), or why the pod fits nowhere.
 */
function planBooking(pod: PodRef, request: AllocationRequest, context: { readonly view: PoolView; readonly deps: AllocateDeps; readonly strategy: PlacementStrategy }): Planned | Unschedulable {
  const { view, deps, strategy } = context;
  const result = allocate(view.snapshot(), request, strategy);
  if (result.kind === 'unschedulable') return result;
  const current = view.ledger(result.node) as VersionedLedger;
  return { kind: 'planned', current, next: bookAllocation(current.ledger, allocationFromPlacement(result, { pod, request, at: deps.clock.now() })) ?? current.ledger };
}

/** Book the pod somewhere in the pool: the ledger that now holds it, or why it fits nowhere. */
export async function bookPlacement(pod: PodRef, request: AllocationRequest, options: { readonly view: PoolView; readonly deps: AllocateDeps }): Promise<VersionedLedger | Unschedulable> {
  const { view, deps } = options;
  const strategy = await deps.strategyFor(view.pool, view.workload());
  const maxAttempts = deps.maxAttempts ?? DEFAULT_LEDGER_ATTEMPTS;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const planned = planBooking(pod, request, { view, deps, strategy });
    if (planned.kind === 'unschedulable') return planned;
    const written = await deps.ledgers.writeLedger(planned.next, planned.current.version);
    if (written.kind === 'written') {
      view.update(written.item);
      return written.item;
    }
    if (written.current === undefined) {
      view.forget(planned.current.ledger.node);
      continue;
    }
    view.update(written.current);
    if (findAllocation(written.current.ledger, pod.uid) !== undefined) return written.current;
  }
  throw new AppError('VERSION_CONFLICT', `pool ${view.pool}: lost ${maxAttempts} races booking pod ${pod.namespace}/${pod.name}`);
}

/**
 * Plan the pod on the snapshot and stage the booking in the view without writing it: a run of placements
 * stages one after another and then writes each changed node once (`flushStaged`). The node chosen, or why
 * the pod fits nowhere.
 */
export async function stagePlacement(pod: PodRef, request: AllocationRequest, options: { readonly view: PoolView; readonly deps: AllocateDeps }): Promise<string | Unschedulable> {
  const { view, deps } = options;
  const planned = planBooking(pod, request, { view, deps, strategy: await deps.strategyFor(view.pool, view.workload()) });
  if (planned.kind === 'unschedulable') return planned;
  view.stage(planned.next, pod.uid);
  return planned.current.ledger.node;
}

/**
 * Write every staged ledger of the view, one conditional write per node, all nodes at once. A node whose write
 * loses a race is refreshed from the conflict's current item; the pods staged on it are returned, to be booked
 * again one by one (`bookPlacement`).
 */
export async function flushStaged(view: PoolView, deps: AllocateDeps): Promise<Set<string>> {
  const staged = view.takeStaged();
  const written = await Promise.all(staged.map(({ held }) => deps.ledgers.writeLedger(held.ledger, held.version)));
  const lost = new Set<string>();
  written.forEach((result, at) => {
    const { held, podUids } = staged[at] as (typeof staged)[number];
    if (result.kind === 'written') return view.update(result.item);
    if (result.current === undefined) view.forget(held.ledger.node);
    else view.update(result.current);
    podUids.forEach((uid) => lost.add(uid));
  });
  return lost;
}
