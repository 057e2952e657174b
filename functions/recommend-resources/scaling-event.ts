import type { AnyEvent } from '../../shared/schemas/events/any-event.ts';
import { SPEC_VERSION } from '../../shared/schemas/events/envelope.ts';
import type { RecommendDeps } from './deps.ts';
import type { WorkloadBatch } from './group-workloads.ts';

/** What a `scaling.applied` decision says beyond the workload it names. */
export type ScalingData = Omit<Extract<AnyEvent, { type: 'scaling.applied' }>['data'], 'namespace' | 'workload'>;

/** The `scaling.applied` event for a change to `batch`'s workload (a pod's resources or the owner's replicas), stamped now. */
export function scalingApplied(batch: WorkloadBatch, data: ScalingData, deps: Pick<RecommendDeps, 'newId' | 'clock'>): AnyEvent {
  return {
    specversion: SPEC_VERSION, id: deps.newId(), type: 'scaling.applied', clusterId: batch.clusterId, time: deps.clock.now().toISOString(), source: 'functions/recommend-resources',
    data: { ...data, namespace: batch.namespace, workload: batch.workload },
  };
}
