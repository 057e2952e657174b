import type { CronRule } from '../model/workload-spec.ts';
import { cronWindowState } from './cron-window.ts';
import type { ReplicaConfig } from './replica-config.ts';
import type { RequestsLimits } from './usage-sample.ts';
import { computePercentOf, type GpuCapacity } from './workload-baseline.ts';

/** The rule whose window holds now (none when `rule` is absent), or why the rules cannot be used. */
export type ActiveCronRule = { readonly ok: true; readonly rule?: CronRule } | { readonly ok: false; readonly message: string };

/**
 * The one enabled rule whose start→end window holds at `at` (reference §5.6: a rule counts only when
 * enabled; more than one active rule is an error, and then none applies). The instant comes from the
 * Clock port; the zone is the deployment's, as TensorFusion evaluates cron in the controller's local time.
 */
export function activeCronRule(rules: readonly CronRule[], at: { readonly instantMs: number; readonly timeZone: string }): ActiveCronRule {
  const active: CronRule[] = [];
  for (const rule of rules.filter((candidate) => candidate.enable)) {
    const state = cronWindowState(rule, at);
    if (!state.ok) return { ok: false, message: `cron rule ${rule.name}: ${state.message}` };
    if (state.active) active.push(rule);
  }
  if (active.length > 1) return { ok: false, message: `more than one cron rule is active: ${active.map((rule) => rule.name).join(', ')}` };
  return active[0] === undefined ? { ok: true } : { ok: true, rule: active[0] };
}

const larger = (base: number, desired: number | undefined): number => (desired === undefined ? base : Math.max(base, desired));

/**
 * `base` raised to what the rule desires, field by field: inside its window a cron rule is a floor the
 * recommender may exceed but not undercut (TensorFusion's `ScaleDownLocking`, reference §5.6, here as
 * "take the larger" instead of discarding the recommendation). A limit never ends below its request.
 */
export function withCronFloor(base: RequestsLimits, rule: CronRule, gpu: GpuCapacity): RequestsLimits {
  const requests = {
    computePercent: larger(base.requests.computePercent, rule.requests === undefined ? undefined : computePercentOf(rule.requests, gpu)),
    vramBytes: larger(base.requests.vramBytes, rule.requests?.vramBytes),
  };
  const limits = {
    computePercent: Math.max(requests.computePercent, larger(base.limits.computePercent, rule.limits === undefined ? undefined : computePercentOf(rule.limits, gpu))),
    vramBytes: Math.max(requests.vramBytes, larger(base.limits.vramBytes, rule.limits?.vramBytes)),
  };
  return { requests, limits };
}

/**
 * `config` with an active rule's `desiredReplicas` as its floor: inside the window the replica count is
 * the larger of the rule's and what utilisation asks for (the same "take the larger" reading as
 * {@link withCronFloor}), still within `maxReplicas`. No rule, or a rule without replicas: `config` as is.
 */
export function replicaFloor(config: ReplicaConfig, rule: CronRule | undefined): ReplicaConfig {
  const floor = rule?.desiredReplicas;
  if (floor === undefined) return config;
  return { ...config, minReplicas: Math.min(Math.max(config.minReplicas, floor), config.maxReplicas ?? Number.POSITIVE_INFINITY) };
}
