import { recommendedOf, type AutoscaleRecord } from '../../shared/core/autoscaling/autoscale-record.ts';
import { withCronFloor } from '../../shared/core/autoscaling/cron-desired.ts';
import { resourceAnnotations, resourcePairOf, scalingChanges, targetedPair, type AmountPair } from '../../shared/core/autoscaling/resource-patch.ts';
import { amountsLike } from '../../shared/core/autoscaling/workload-baseline.ts';
import type { CronRule } from '../../shared/core/model/workload-spec.ts';
import type { AutoscaleTarget } from '../../shared/schemas/annotations.ts';
import type { AnyEvent } from '../../shared/schemas/events/any-event.ts';
import type { RecommendDeps } from './deps.ts';
import { recordApplied, type RecordedOwners } from './record-recommendation.ts';
import type { ReportingPod, WorkloadBatch } from './group-workloads.ts';
import type { WorkloadContext } from './resolve-context.ts';
import { scalingApplied } from './scaling-event.ts';

/** The values the pods should carry now, and why (`auto`: the recommendation applies); undefined when resources are not managed. */
function desiredPair(record: AutoscaleRecord, context: WorkloadContext, rule: CronRule | undefined): { pair: AmountPair; reason: string; auto: boolean } | undefined {
  const { autoSetResources, cronScalingRules } = context.spec.autoScaling;
  const auto = autoSetResources.enable && autoSetResources.targetResource !== undefined;
  if (context.spec.dedicatedGpu || (!auto && !cronScalingRules.some((rule) => rule.enable))) return undefined;
  const base = auto ? recommendedOf(record) : record.state.workload.original;
  const values = rule === undefined ? base : withCronFloor(base, rule, context.gpu);
  const pair = { requests: amountsLike(values.requests, context.spec.requests, context.gpu), limits: amountsLike(values.limits, context.spec.limits, context.gpu) };
  const reasons = [auto ? record.recommendation?.reason : undefined, rule === undefined ? undefined : `cron rule ${rule.name} is active`].filter((text) => text !== undefined);
  const reason = reasons.length > 0 ? reasons.join('; ') : 'no cron rule active: the spec applies';
  return { pair, reason, auto };
}

const differs = (wanted: Readonly<Record<string, string>>, pod: ReportingPod): boolean =>
  Object.entries(wanted).some(([key, value]) => pod.pod.pod.metadata.annotations?.[key] !== value);

/** Resize one pod: the ledger first (a rise bounded by what is free on its GPU), then its annotations; the ledger is put back if the patch fails. */
async function resizePod(reporting: ReportingPod, wanted: AmountPair, input: { batch: WorkloadBatch; target: AutoscaleTarget; deps: RecommendDeps }): Promise<{ from: AmountPair; to: AmountPair } | undefined> {
  const { batch, deps } = input;
  const from = resourcePairOf(reporting.pod.pod.metadata.annotations ?? {});
  let to = targetedPair(from, wanted, input.target);
  const ledgerChange = { clusterId: batch.clusterId, podUid: reporting.pod.uid };
  if (deps.ledger !== undefined) {
    const granted = await deps.ledger.resize({ ...ledgerChange, requests: to.requests });
    if (granted.capped) to = { requests: granted.requests, limits: to.limits };
  }
  const annotations = resourceAnnotations(to);
  if (!differs(annotations, reporting)) return undefined;
  try {
    await deps.workloads.patchPodAnnotations(batch.namespace, reporting.name, annotations);
  } catch (error) {
    await deps.ledger?.resize({ ...ledgerChange, requests: from.requests }).catch(() => undefined);
    throw error;
  }
  return { from, to };
}

/**
 * Bring the workload's pods to the values it should run with now (level-triggered: a pod that missed a
 * patch is caught up by the next batch): the recommendation when `autoSetResources` applies, raised to
 * an active cron rule's resources (`at.cronRule`, the one the step found active). Dedicated-GPU workloads are never resized.
 * With `autoSetResources` on, the values are also recorded on the pods' controller owners for their new
 * pods (`recordApplied`; `owners` is what the instance last recorded). Returns the decisions.
 */
export async function applyResources(batch: WorkloadBatch, record: AutoscaleRecord, input: { context: WorkloadContext; deps: RecommendDeps; owners: RecordedOwners; at: { readonly cronRule: CronRule | undefined; readonly pool: string } }): Promise<AnyEvent[]> {
  const { context, deps } = input;
  const desired = desiredPair(record, context, input.at.cronRule);
  if (desired === undefined) return [];
  const target = context.spec.autoScaling.autoSetResources.targetResource ?? 'all';
  const wanted = resourceAnnotations(targetedPair({ requests: context.spec.requests, limits: context.spec.limits }, desired.pair, target));
  const events: AnyEvent[] = [];
  for (const reporting of batch.pods) {
    if (!differs(wanted, reporting)) continue;
    const resized = await resizePod(reporting, desired.pair, { batch, target, deps });
    const changes = resized === undefined ? [] : scalingChanges(resized.from, resized.to);
    if (changes.length === 0) continue;
    events.push(scalingApplied(batch, { pool: input.at.pool, pod: reporting.name, changes, reason: desired.reason }, deps));
  }
  if (desired.auto) {
    await recordApplied(batch, { wanted, target }, { deps, owners: input.owners });
  }
  return events;
}
