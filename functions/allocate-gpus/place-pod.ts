// Place one gated pod: find a booking it already has (a redelivery, or a crash between the ledger write
// and the pod patch), else plan and book one; record the pod → node index; pin the pod; publish. A pod
// that fits nowhere, or whose annotations or spec make no request, gets `allocation.unschedulable` and stays gated.
import type { VersionedLedger, VersionedPodAllocation } from '../../shared/adapters/state/ledger-store.ts';
import type { FilterRemoval } from '../../shared/core/allocation/run-filters.ts';
import type { PodRef } from '../../shared/core/ledger/allocation-from-placement.ts';
import { findAllocation } from '../../shared/core/ledger/book-allocation.ts';
import { requestFromPod } from '../../shared/core/ledger/request-from-pod.ts';
import type { PodObject } from '../../shared/schemas/events/kube-objects.ts';
import { poolOfPod } from '../../shared/schemas/events/key-for.ts';
import { bindBooking } from './bind-booking.ts';
import { bookPlacement } from './book-placement.ts';
import { unschedulableEvent } from './decision-events.ts';
import type { AllocateDeps } from './deps.ts';
import type { PoolView, PoolViews } from './pool-view.ts';

/** Where the event came from: its cluster and id (an unschedulable decision is keyed by it). */
export interface EventOrigin {
  readonly clusterId: string;
  readonly eventId: string;
  /** A waiting pod decided again: an unschedulable answer is neither published nor noted again. */
  readonly retry?: boolean;
}

/** What the pod already has: its index entry as read (`undefined`: none), and the ledger holding its booking. */
export interface Existing {
  readonly index: VersionedPodAllocation | undefined;
  readonly held: VersionedLedger | 'released' | undefined;
}

/** The ledger that already holds the pod: the one its index names, else any of the pool's. */
export async function existingBooking(pod: PodRef, view: PoolView, deps: AllocateDeps): Promise<Existing> {
  const index = await deps.ledgers.getPodAllocation(view.clusterId, pod.uid);
  if (index?.entry.released === true) return { index, held: 'released' };
  if (index !== undefined) {
    const held = await deps.ledgers.getLedger(view.clusterId, index.entry.node);
    if (held !== undefined && findAllocation(held.ledger, pod.uid) !== undefined) return { index, held };
  }
  return { index, held: view.holding(pod.uid) };
}

/** Publish the report and note the pod as waiting for room in its pool. */
export async function reportUnschedulable(pod: PodRef, report: readonly FilterRemoval[], context: { readonly origin: EventOrigin; readonly view: PoolView; readonly deps: AllocateDeps }): Promise<Placement> {
  const { origin, view, deps } = context;
  if (origin.retry === true) return { kind: 'unschedulable' };
  const time = deps.clock.now();
  const event = unschedulableEvent(pod, { report, eventId: origin.eventId }, { clusterId: origin.clusterId, pool: view.pool, time });
  await deps.publisher.publish(deps.decisionsTopic, [event]);
  await deps.ledgers.markWaiting({ clusterId: origin.clusterId, pool: view.pool, podUid: pod.uid, namespace: pod.namespace, pod: pod.name, since: time.toISOString() });
  return { kind: 'unschedulable' };
}

/** What is left once the pod is booked: pinning it, which may run alongside the next pods' bookings. */
export type PendingBind = () => Promise<void>;

/** How a placement ended: booked with a bind still to do, fit nowhere, or nothing to do (released before). */
export type Placement = { readonly kind: 'booked'; readonly bind: PendingBind } | { readonly kind: 'unschedulable' } | { readonly kind: 'done' };

/**
 * Place the pod of a `pod.upserted` event that carries the allocation gate: decide and book it now (bookings
 * of one pool are made one after another, on the batch's snapshot), and return the bind still to do, if any.
 */
export async function placePod(object: PodObject, options: { readonly origin: EventOrigin; readonly deps: AllocateDeps; readonly views: PoolViews }): Promise<Placement> {
  const { origin, deps } = options;
  const pod: PodRef = { uid: object.metadata.uid, namespace: object.metadata.namespace, name: object.metadata.name };
  const view = await options.views(origin.clusterId, poolOfPod(object));
  const { index, held: existing } = await existingBooking(pod, view, deps);
  if (existing === 'released') return { kind: 'done' };
  let held = existing;
  if (held === undefined) {
    const parsed = requestFromPod(object);
    if (!parsed.ok) return reportUnschedulable(pod, [{ filter: parsed.input, removed: { gpus: 0, nodes: 0 }, reason: parsed.message }], { origin, view, deps });
    const booked = await bookPlacement(pod, parsed.request, { view, deps });
    if ('kind' in booked) return reportUnschedulable(pod, booked.report, { origin, view, deps });
    held = booked;
  }
  const booking = held;
  return { kind: 'booked', bind: () => bindBooking(pod, { held: booking, index, view, deps }) };
}
