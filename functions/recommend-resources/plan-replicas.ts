import type { PodSample } from '../../shared/core/autoscaling/autoscale-record.ts';
import { replicaFloor } from '../../shared/core/autoscaling/cron-desired.ts';
import { afterScaling, meanUtilisation, rememberUtilisation, type ReplicaMemory } from '../../shared/core/autoscaling/replica-memory.ts';
import { decideReplicas, type ReplicaDecision } from '../../shared/core/autoscaling/replica-decision.ts';
import { computePercentOf } from '../../shared/core/autoscaling/workload-baseline.ts';
import type { CronRule } from '../../shared/core/model/workload-spec.ts';
import type { ObjectReference } from '../../shared/ports/cluster.ts';
import type { Scale } from '../../shared/ports/workloads.ts';
import type { RecommendDeps } from './deps.ts';
import type { WorkloadBatch } from './group-workloads.ts';
import type { WorkloadContext } from './resolve-context.ts';

/** A replica change to make once the record is written. */
export interface ReplicaMove {
  readonly scale: Scale;
  readonly from: number;
  readonly decision: ReplicaDecision;
}

/** The Deployment or StatefulSet that owns the lead pod (a ReplicaSet is followed one level up). */
async function scaleTarget(context: WorkloadContext, deps: RecommendDeps): Promise<ObjectReference | undefined> {
  const { metadata } = context.lead.pod.pod;
  const namespace = metadata.namespace ?? '';
  const owner = metadata.ownerReferences?.find((reference) => reference.controller === true);
  if (owner?.kind === 'StatefulSet') return { apiVersion: owner.apiVersion, kind: owner.kind, namespace, name: owner.name };
  if (owner?.kind !== 'ReplicaSet') return undefined;
  const replicaSet = await deps.cluster.getOwner({ apiVersion: owner.apiVersion, kind: owner.kind, namespace, name: owner.name });
  const deployment = replicaSet?.ownerReferences.find((reference) => reference.controller === true && reference.kind === 'Deployment');
  return deployment === undefined ? undefined : { apiVersion: deployment.apiVersion, kind: deployment.kind, namespace, name: deployment.name };
}

/**
 * `autoSetReplicas`: remember this batch's utilisation (mean compute over the compute limit, per pod and
 * interval), and when the readings of the evaluation period ask for it, plan a move of the owner's
 * replicas: HPA-style steps, cool-downs, [min, max] (an active cron rule's `desiredReplicas` as a floor),
 * and never beyond what the pool can place. `at` is the step's one clock read, the cron rule active then, and the workload's pool.
 */
export async function planReplicas(batch: WorkloadBatch, seen: { readonly fresh: readonly PodSample[]; readonly memory: ReplicaMemory }, input: { context: WorkloadContext; deps: RecommendDeps; at: { readonly nowMs: number; readonly cronRule: CronRule | undefined; readonly pool: string } }): Promise<{ memory: ReplicaMemory; move?: ReplicaMove }> {
  const { context, deps } = input;
  const { nowMs, cronRule, pool } = input.at;
  const { fresh, memory } = seen;
  const config = context.replicaConfig;
  const limit = computePercentOf(context.spec.limits, context.gpu);
  if (config === undefined || limit === undefined) return { memory };
  const points = fresh.map((sample) => ({ atMs: sample.atMs, utilisation: sample.computeMeanPercent / limit }));
  const remembered = rememberUtilisation(memory, points, { periodMs: config.evaluationPeriod, nowMs });
  const utilisation = meanUtilisation(remembered);
  const target = utilisation === undefined ? undefined : await scaleTarget(context, deps);
  const scale = target === undefined ? undefined : await deps.workloads.getScale(target);
  if (utilisation === undefined || scale === undefined) return { memory: remembered };
  const query = { clusterId: batch.clusterId, pool, requests: context.spec.requests, gpuCount: context.spec.gpuCount };
  const spare = deps.ledger === undefined ? Number.POSITIVE_INFINITY : await deps.ledger.spareReplicas(query);
  const decision = decideReplicas({ replicas: scale.replicas, utilisation, placeable: scale.replicas + spare, nowMs, ...remembered }, replicaFloor(config, cronRule));
  if (decision.direction === 'none') return { memory: remembered };
  return { memory: afterScaling(remembered, decision.direction, nowMs), move: { scale: { ...scale, replicas: decision.replicas }, from: scale.replicas, decision } };
}
