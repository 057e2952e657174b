import type { PodSample } from '../../shared/core/autoscaling/autoscale-record.ts';
import { replicaFloor } from '../../shared/core/autoscaling/cron-desired.ts';
import { WORKLOAD_LABEL } from '../../shared/core/admission/mutate-pod.ts';
import type { ReplicaConfig } from '../../shared/core/autoscaling/replica-config.ts';
import { afterScaling, meanUtilisation, rememberUtilisation, utilisationByPod, type ReplicaMemory } from '../../shared/core/autoscaling/replica-memory.ts';
import { decideReplicas, type ReplicaDecision } from '../../shared/core/autoscaling/replica-decision.ts';
import { utilisationOfPods, type PodsUtilisation } from '../../shared/core/autoscaling/utilisation-of-pods.ts';
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
 * The utilisation with the workload's pods that sent no readings in the period counted as the HPA counts
 * them (`utilisationOfPods`): its pods are listed by the workload label, now.
 */
async function countingSilentPods(batch: WorkloadBatch, memory: ReplicaMemory, input: { config: ReplicaConfig; deps: RecommendDeps; utilisation: number }): Promise<PodsUtilisation> {
  const pods = await input.deps.workloads.listPods(batch.namespace, { [WORKLOAD_LABEL]: batch.workload });
  const listed = pods.map((pod) => ({ name: pod.pod.metadata.name ?? '', readiness: pod.readiness }));
  return utilisationOfPods(utilisationByPod(memory), listed, input.config) ?? { utilisation: input.utilisation };
}

/**
 * How many more of the workload's pods its pool can still place (unbounded without a ledger). Only an
 * upward move can meet that bound (the placeable count is the replicas running plus this), so it is read
 * only when the readings ask for more replicas: the steady and downward paths pay no table query.
 */
async function spareRoom(batch: WorkloadBatch, input: { context: WorkloadContext; deps: RecommendDeps; pool: string }): Promise<number> {
  const { spec } = input.context;
  const query = { clusterId: batch.clusterId, pool: input.pool, requests: spec.requests, gpuCount: spec.gpuCount };
  return input.deps.ledger === undefined ? Number.POSITIVE_INFINITY : await input.deps.ledger.spareReplicas(query);
}

/**
 * `autoSetReplicas`: remember this batch's utilisation (mean compute over the compute limit, per pod and
 * interval), and when the readings of the evaluation period ask for it, plan a move of the owner's
 * replicas: HPA-style steps, cool-downs, [min, max] (an active cron rule's `desiredReplicas` as a floor),
 * and never beyond what the pool can place. When the readings alone ask for a move, the workload's pods
 * are listed and those that sent no readings counted (they can only narrow or hold it), so the steady
 * path pays no list call; the pool's spare room is read only for an upward move (`spareRoom`). `at` is the step's one clock read, the cron rule active then, and the workload's pool.
 */
export async function planReplicas(batch: WorkloadBatch, seen: { readonly fresh: readonly PodSample[]; readonly memory: ReplicaMemory }, input: { context: WorkloadContext; deps: RecommendDeps; at: { readonly nowMs: number; readonly cronRule: CronRule | undefined; readonly pool: string } }): Promise<{ memory: ReplicaMemory; move?: ReplicaMove }> {
  const { context, deps } = input;
  const { nowMs, cronRule, pool } = input.at;
  const config = context.replicaConfig;
  const limit = computePercentOf(context.spec.limits, context.gpu);
  if (config === undefined || limit === undefined) return { memory: seen.memory };
  const points = seen.fresh.map((sample) => ({ pod: sample.pod, atMs: sample.atMs, utilisation: sample.computeMeanPercent / limit }));
  const remembered = rememberUtilisation(seen.memory, points, { periodMs: config.evaluationPeriod, nowMs });
  const utilisation = meanUtilisation(remembered);
  const target = utilisation === undefined ? undefined : await scaleTarget(context, deps);
  const scale = target === undefined ? undefined : await deps.workloads.getScale(target);
  if (utilisation === undefined || scale === undefined) return { memory: remembered };
  const decide = (counted: PodsUtilisation, spare: number): ReplicaDecision =>
    decideReplicas({ ...remembered, replicas: scale.replicas, placeable: scale.replicas + spare, nowMs, ...counted }, replicaFloor(config, cronRule));
  const unbounded = decide({ utilisation }, Number.POSITIVE_INFINITY);
  const spare = unbounded.direction === 'up' ? await spareRoom(batch, { context, deps, pool }) : Number.POSITIVE_INFINITY;
  const asked = spare === Number.POSITIVE_INFINITY ? unbounded : decide({ utilisation }, spare);
  const decision = asked.direction === 'none' ? asked : decide(await countingSilentPods(batch, remembered, { config, deps, utilisation }), spare);
  if (decision.direction === 'none') return { memory: remembered };
  return { memory: afterScaling(remembered, decision.direction, nowMs), move: { scale: { ...scale, replicas: decision.replicas }, from: scale.replicas, decision } };
}
