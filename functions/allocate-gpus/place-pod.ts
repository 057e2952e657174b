// Place one gated pod: find a booking it already has (a redelivery, or a crash between the ledger write
// and the pod patch), else plan and book one; record the pod → node index; pin the pod; publish. A pod
// that fits nowhere, or whose annotations or spec make no request, gets `allocation.unschedulable` and stays gated.
import type { VersionedLedger, VersionedPodAllocation } from '../../shared/adapters/state/ledger-store.ts';
import type { AllocationRequest } from '../../shared/core/allocation/allocation-request.ts';
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
export async function reportUnschedulable(pod: PodRef, report: readonly FilterRemoval[], context: PlacementContext): Promise<{ readonly kind: 'unschedulable' }> {
  const { origin, view, deps } = context;
  if (origin.retry === true) return { kind: 'unschedulable' };
  const time = deps.clock.now();
  const event = unschedulableEvent(pod, { report, eventId: origin.eventId }, { clusterId: origin.clusterId, pool: view.pool, time });
  await deps.publisher.publish(deps.decisionsTopic, [event]);
  await deps.ledgers.markWaiting({ clusterId: origin.clusterId, pool: view.pool, podUid: pod.uid, namespace: pod.namespace, pod: pod.name, since: time.toISOString() });
  return { kind: 'unschedulable' };
}

/** The pod of an event: what its booking and decisions name it by. */
export const podRefOf = (object: PodObject): PodRef => ({ uid: object.metadata.uid, namespace: object.metadata.namespace, name: object.metadata.name });

/** Where placing one pod happens: the event's origin, the pool view and the dependencies. */
export interface PlacementContext {
  readonly origin: EventOrigin;
  readonly view: PoolView;
  readonly deps: AllocateDeps;
}

/** How placing a pod goes on after its existing booking was looked for: nothing to do, reported, its booking to bind, or its request to plan. */
export type PlacementStart =
  | { readonly kind: 'done' }
  | { readonly kind: 'unschedulable' }
  | { readonly kind: 'held'; readonly held: VersionedLedger; readonly index: VersionedPodAllocation | undefined }
  | { readonly kind: 'request'; readonly request: AllocationRequest; readonly index: VersionedPodAllocation | undefined };

/**
 * The steps one pod and a run share after `existingBooking`: a released pod is done, a booking found is bound
 * as is, else the pod's request is parsed, and a pod whose annotations or spec make no request is reported.
 */
export async function placementStart(existing: Existing, pod: { readonly object: PodObject; readonly ref: PodRef }, context: PlacementContext): Promise<PlacementStart> {
  const { index, held } = existing;
  if (held === 'released') return { kind: 'done' };
  if (held !== undefined) return { kind: 'held', held, index };
  const parsed = requestFromPod(pod.object);
  if (parsed.ok) return { kind: 'request', request: parsed.request, index };
  return reportUnschedulable(pod.ref, [{ filter: parsed.input, removed: { gpus: 0, nodes: 0 }, reason: parsed.message }], context);
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
  const pod = podRefOf(object);
  const view = await options.views(origin.clusterId, poolOfPod(object));
  const context = { origin, view, deps };
  const start = await placementStart(await existingBooking(pod, view, deps), { object, ref: pod }, context);
  if (start.kind === 'done' || start.kind === 'unschedulable') return start;
  let held: VersionedLedger;
  if (start.kind === 'held') held = start.held;
  else {
    const booked = await bookPlacement(pod, start.request, { view, deps });
    if ('kind' in booked) return reportUnschedulable(pod, booked.report, context);
    held = booked;
  }
  return { kind: 'booked', bind: () => bindBooking(pod, { held, index: start.index, view, deps }) };
}
