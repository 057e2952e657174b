// What the allocator is wired to: ports, the placement strategy and its tuning. Built from the
// environment in from-env.ts, from in-memory adapters in the unit tests.
import type { LedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import type { PlacementStrategy } from '../../shared/core/allocation/placement-strategy.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type { EventPublisher } from '../../shared/ports/event-publisher.ts';
import type { PodBinder } from '../../shared/ports/pod-binder.ts';
import type { WorkloadDistribution } from '../../shared/core/allocation/workload-distribution.ts';

/** The allocator's dependencies. */
export interface AllocateDeps {
  readonly ledgers: LedgerStore;
  readonly binder: PodBinder;
  readonly publisher: EventPublisher;
  readonly clock: Clock;
  readonly decisionsTopic: string;
  readonly deadLetterTopic: string;
  /** The pool's strategy, planning for `workload` (the pool's observed allocations) where it plans for one. */
  readonly strategyFor: (pool: string, workload: WorkloadDistribution) => PlacementStrategy | Promise<PlacementStrategy>;
  /** Plans per pod before a lost race is left to a redelivery (default 8). */
  readonly maxAttempts?: number;
  /** The topics read (default `cluster-events`). */
  readonly topics?: readonly string[];
  /** How old an allocation must be before the orphan sweep checks its pod (default 120 s). */
  readonly orphanGraceMs?: number;
  /** The one cluster acted for (`CLUSTER_ID`); every cluster's records when absent. */
  readonly clusterId?: string | undefined;
}
