// The decisions this function publishes (shared/schemas/events/decisions.ts). Each event's id is derived
// from what it is about, so a decision re-published after a crash or a redelivery carries the same id and
// consumers de-duplicate it (ARCHITECTURE §4).
import { createHash } from 'node:crypto';
import type { Unschedulable } from '../../shared/core/allocation/allocate.ts';
import type { PodRef } from '../../shared/core/ledger/allocation-from-placement.ts';
import type { ReleaseReason } from '../../shared/core/ledger/pod-intent.ts';
import { SPEC_VERSION } from '../../shared/schemas/events/envelope.ts';
import type { DecisionEvent } from '../../shared/schemas/events/decisions.ts';
import type { LedgerAllocation } from '../../shared/schemas/node-ledger.ts';

/** The producer name on every decision. */
export const SOURCE = 'functions/allocate-gpus';

/** A UUID (version 5 layout) from the SHA-1 of `parts`: the same parts, the same id. */
export function stableId(...parts: readonly string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What every decision about one pod shares. */
export interface DecisionContext {
  readonly clusterId: string;
  readonly pool: string;
  readonly time: Date;
}

const envelope = <T extends DecisionEvent['type']>(type: T, id: string, context: DecisionContext) =>
  ({ specversion: SPEC_VERSION, id, type, clusterId: context.clusterId, time: context.time.toISOString(), source: SOURCE });

const podOf = (allocation: LedgerAllocation, pool: string) => ({ pool, namespace: allocation.namespace, pod: allocation.pod, podUid: allocation.podUid });

/** `allocation.placed`: one per pod allocation (its id is the pod uid's). */
export function placedEvent(allocation: LedgerAllocation, at: { readonly node: string; readonly ledgerVersion: number }, context: DecisionContext): DecisionEvent {
  const first = allocation.gpus[0];
  return {
    ...envelope('allocation.placed', stableId('placed', context.clusterId, allocation.podUid), context),
    data: {
      ...podOf(allocation, context.pool), node: at.node, gpuUuids: allocation.gpus.map((gpu) => gpu.uuid), ledgerVersion: at.ledgerVersion,
      requests: { tflopsMilli: first?.tflopsMilli ?? 0, computePercentMilli: 0, vramBytes: first?.vramBytes ?? 0 },
    },
  };
}

/** `allocation.released`: one per pod allocation. */
export function releasedEvent(allocation: LedgerAllocation, at: { readonly node: string; readonly reason: ReleaseReason }, context: DecisionContext): DecisionEvent {
  return {
    ...envelope('allocation.released', stableId('released', context.clusterId, allocation.podUid), context),
    data: { ...podOf(allocation, context.pool), node: at.node, gpuUuids: allocation.gpus.map((gpu) => gpu.uuid), reason: at.reason },
  };
}

/** `allocation.unschedulable`: one per cluster event that found no room (keyed by that event's id). */
export function unschedulableEvent(pod: PodRef, options: { readonly report: Unschedulable['report']; readonly eventId: string }, context: DecisionContext): DecisionEvent {
  return {
    ...envelope('allocation.unschedulable', stableId('unschedulable', context.clusterId, pod.uid, options.eventId), context),
    data: {
      pool: context.pool, namespace: pod.namespace, pod: pod.name, podUid: pod.uid,
      reasons: options.report.map((removal) => ({ filter: removal.filter, rejectedNodes: removal.removed.nodes, message: removal.reason.slice(0, 1024) })),
    },
  };
}
