// Decide on the pool snapshot, then ONE conditional write of the chosen node's ledger (ARCHITECTURE §4).
// A lost race refreshes that node from the conflict's current item and plans again; if the winner of the
// race booked this very pod (a redelivery running twice), its booking is taken as ours.
import type { VersionedLedger } from '../../shared/adapters/state/ledger-store.ts';
import { allocate, type Unschedulable } from '../../shared/core/allocation/allocate.ts';
import type { AllocationRequest } from '../../shared/core/allocation/allocation-request.ts';
import { AppError } from '../../shared/core/errors.ts';
import { allocationFromPlacement, type PodRef } from '../../shared/core/ledger/allocation-from-placement.ts';
import { bookAllocation, findAllocation } from '../../shared/core/ledger/book-allocation.ts';
import type { AllocateDeps } from './deps.ts';
import type { PoolView } from './pool-view.ts';

const DEFAULT_ATTEMPTS = 8;

/** Book the pod somewhere in the pool: the ledger that now holds it, or why it fits nowhere. */
export async function bookPlacement(pod: PodRef, request: AllocationRequest, options: { readonly view: PoolView; readonly deps: AllocateDeps }): Promise<VersionedLedger | Unschedulable> {
  const { view, deps } = options;
  const strategy = await deps.strategyFor(view.pool);
  const maxAttempts = deps.maxAttempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const result = allocate(view.snapshot(), request, strategy);
    if (result.kind === 'unschedulable') return result;
    const current = view.ledger(result.node) as VersionedLedger;
    const next = bookAllocation(current.ledger, allocationFromPlacement(result, { pod, request, at: deps.clock.now() })) ?? current.ledger;
    const written = await deps.ledgers.writeLedger(next, current.version);
    if (written.kind === 'written') {
      view.update(written.item);
      return written.item;
    }
    if (written.current === undefined) {
      view.forget(result.node);
      continue;
    }
    view.update(written.current);
    if (findAllocation(written.current.ledger, pod.uid) !== undefined) return written.current;
  }
  throw new AppError('VERSION_CONFLICT', `pool ${view.pool}: lost ${maxAttempts} races booking pod ${pod.namespace}/${pod.name}`);
}
