import { stepAutoscale } from '../../shared/core/autoscaling/autoscale-record.ts';
import { activeCronRule } from '../../shared/core/autoscaling/cron-desired.ts';
import { baselineOf, computeVramOf } from '../../shared/core/autoscaling/workload-baseline.ts';
import { DEFAULT_POOL_KEY } from '../../shared/schemas/events/key-for.ts';
import { applyReplicaMove } from './apply-replicas.ts';
import { applyResources } from './apply-resources.ts';
import type { RecommendDeps } from './deps.ts';
import type { WorkloadBatch } from './group-workloads.ts';
import { planReplicas } from './plan-replicas.ts';
import type { RecordedOwners } from './record-recommendation.ts';
import type { WorkloadContext } from './resolve-context.ts';
import { scalingApplied } from './scaling-event.ts';
import { recordKey, updateRecord, type Prefetched, type RecordCache } from './workload-record.ts';

/**
 * One workload's share of a batch: decide on a snapshot (the record, the owner's scale), write the record
 * once, then apply: pods resized, owner scaled, decisions published. The clock is read, the active cron
 * rule and the pool worked out once, for both resources and replicas. `records` is the instance's cache,
 * `prefetched` the record as the batch read it ahead (when the cache had none), `owners` what the
 * instance last recorded on pod owners.
 */
export async function autoscaleWorkload(batch: WorkloadBatch, at: { readonly context: WorkloadContext; readonly records: RecordCache; readonly owners: RecordedOwners; readonly prefetched?: Prefetched | undefined }, deps: RecommendDeps): Promise<void> {
  const { context } = at;
  const limits = computeVramOf(context.spec.limits, context.gpu);
  const pool = context.spec.pool ?? DEFAULT_POOL_KEY;
  const nowMs = deps.clock.now().getTime();
  const cron = activeCronRule(context.spec.autoScaling.cronScalingRules, { instantMs: nowMs, timeZone: deps.timeZone });
  if (!cron.ok) deps.log('warn', 'cron rules ignored', { workload: context.spec.workload, message: cron.message });
  const cronRule = cron.ok ? cron.rule : undefined;
  const decided = await updateRecord({ store: deps.store, cache: at.records, key: recordKey(batch), prefetched: at.prefetched }, async (previous) => {
    const step = stepAutoscale(previous, { samples: batch.samples, baseline: baselineOf(context.spec, context.gpu, context.createdMs), config: context.config, nowMs, limits });
    const replicas = await planReplicas(batch, { fresh: step.fresh, memory: step.record.replicas }, { context, deps, at: { nowMs, cronRule, pool } });
    return { ...step, record: { ...step.record, replicas: replicas.memory }, move: replicas.move, changed: previous === undefined || step.fresh.length > 0 || replicas.move !== undefined };
  });
  if (decided.spiked) deps.log('info', 'usage over the limit: evaluated at once', { namespace: batch.namespace, workload: batch.workload });
  const events = await applyResources(batch, decided.record, { context, deps, owners: at.owners, at: { cronRule, pool } });
  if (decided.move !== undefined && await applyReplicaMove(decided.move, deps.workloads)) {
    const { move } = decided;
    events.push(scalingApplied(batch, { pool, changes: [{ field: 'replicas', from: move.from, to: move.decision.replicas }], reason: move.decision.reason }, deps));
  }
  await deps.publisher.publish(deps.topics.decisions, events);
}
