/**
 * When a workload counts as quiet, and how far its compute limit drops then. GPU inference pods on the
 * gentd26 trace spend most minutes at a duty cycle of exactly 0 and work in bursts; the bursts reach
 * about the same height every time, but within a burst which minute peaks is close to chance. So the
 * limit holds the long-window peak while the pod works and drops to a share of it once the pod has been
 * idle a while: the wake-up costs at most one throttled sample, after which the limit is back at the peak.
 */
export interface QuietRule {
  /** Idle this long (no sample above `idleAtMost`) makes the workload quiet; 0 turns the rule off. */
  readonly afterMs: number;
  /** The share of the working limit kept while quiet (0 to 1). */
  readonly share: number;
  /** A sample at or below this value counts as idle (percent of the GPU for compute). */
  readonly idleAtMost: number;
}

/** `lastActiveMs` moved to `sample.atMs` when the sample shows work. */
export function lastActivity(lastActiveMs: number, sample: { value: number; atMs: number }, rule: QuietRule): number {
  return sample.value > rule.idleAtMost ? Math.max(lastActiveMs, sample.atMs) : lastActiveMs;
}

/** The factor on the working limit at `nowMs`: `rule.share` once the workload has been idle `rule.afterMs`, else 1. */
export function quietFactor(lastActiveMs: number, nowMs: number, rule: QuietRule): number {
  return rule.afterMs > 0 && nowMs - lastActiveMs >= rule.afterMs ? rule.share : 1;
}
