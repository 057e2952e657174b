// What recommend-resources is wired to: ports only, so unit tests pass in-memory adapters and the entry
// point passes the real ones (deps-from-env.ts).
import type { GpuCapacity } from '../../shared/core/autoscaling/workload-baseline.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type { Cluster } from '../../shared/ports/cluster.ts';
import type { EventPublisher } from '../../shared/ports/event-publisher.ts';
import type { GpuLedger } from '../../shared/ports/gpu-ledger.ts';
import type { Log } from '../../shared/ports/log.ts';
import type { StateStore } from '../../shared/ports/state-store.ts';
import type { Workloads } from '../../shared/ports/workloads.ts';

/** The function's dependencies. */
export interface RecommendDeps {
  readonly store: StateStore;
  /** Profiles and pod owners. */
  readonly cluster: Cluster;
  /** Pods, their annotations, and owners' scale. */
  readonly workloads: Workloads;
  readonly publisher: EventPublisher;
  /** The node ledgers (allocate-gpus books them); absent, rises are bounded by the GPU's capacity only and replicas by maxReplicas. */
  readonly ledger?: GpuLedger;
  readonly clock: Clock;
  /** Event ids (UUIDs). */
  readonly newId: () => string;
  readonly topics: { readonly metrics: string; readonly decisions: string; readonly deadLetter: string };
  /** IANA zone cron rules are read in (TensorFusion: the controller's local time). */
  readonly timeZone: string;
  /** The GPU assumed when a pod names no model the catalogue knows. */
  readonly defaultGpu: GpuCapacity;
  readonly log: Log;
  /** The one cluster acted for (`CLUSTER_ID`); every cluster's records when absent. */
  readonly clusterId?: string | undefined;
}
