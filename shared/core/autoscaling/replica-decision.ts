import type { ReplicaConfig } from './replica-config.ts';

/** What a replica decision looks at. */
export interface ReplicaInput {
  readonly replicas: number;
  /** Mean used TFLOPS over the evaluation period ÷ the replicas' TFLOPS limits (may pass 1). */
  readonly utilisation: number;
  /** Why the utilisation must not move the count (pods without readings turn its direction: `utilisationOfPods`); unset, it may. */
  readonly hold?: string;
  /** The most replicas the pool can hold now (current ones plus what still fits): never exceeded. */
  readonly placeable: number;
  readonly lastScaleUpMs?: number;
  readonly lastScaleDownMs?: number;
  readonly nowMs: number;
}

/** The replica count to run, and why. */
export interface ReplicaDecision {
  readonly replicas: number;
  readonly direction: 'up' | 'down' | 'none';
  readonly reason: string;
}

const cooling = (lastMs: number | undefined, coolDownMs: number, nowMs: number): boolean => lastMs !== undefined && nowMs - lastMs < coolDownMs;

function upperLimit(input: ReplicaInput, config: ReplicaConfig): number {
  return Math.max(Math.min(config.maxReplicas ?? Number.POSITIVE_INFINITY, input.placeable), 0);
}

/** The count the utilisation asks for, HPA-style: ceil(replicas × utilisation ÷ target); undefined within the tolerance. */
function wanted(input: ReplicaInput, config: ReplicaConfig): number | undefined {
  const ratio = input.utilisation / config.targetTFlopsOfLimits;
  return Math.abs(ratio - 1) <= config.tolerance ? undefined : Math.ceil(input.replicas * ratio);
}

function outcome(replicas: number, input: ReplicaInput, reason: string): ReplicaDecision {
  const direction = replicas > input.replicas ? 'up' : replicas < input.replicas ? 'down' : 'none';
  return { replicas, direction, reason };
}

/**
 * `autoSetReplicas`: scale towards the utilisation target by at most one step, not within a cool-down of
 * the last move the same way, always inside [minReplicas, maxReplicas], and never beyond what can be
 * placed (a replica that cannot be placed would only wait, gated, and hold quota); a `hold` keeps the
 * count, inside those bounds.
 */
export function decideReplicas(input: ReplicaInput, config: ReplicaConfig): ReplicaDecision {
  const high = upperLimit(input, config);
  const low = Math.min(config.minReplicas, high);
  if (input.replicas < low) return outcome(low, input, `below minReplicas ${config.minReplicas}`);
  if (input.replicas > high) return outcome(high, input, `above the most replicas allowed or placeable (${high})`);
  if (input.hold !== undefined) return outcome(input.replicas, input, input.hold);
  const want = wanted(input, config);
  if (want === undefined) return outcome(input.replicas, input, 'utilisation within tolerance of the target');
  if (want > input.replicas) {
    if (cooling(input.lastScaleUpMs, config.scaleUpCoolDownTime, input.nowMs)) return outcome(input.replicas, input, 'scale-up cooling down');
    const next = Math.min(want, input.replicas + config.scaleUpStep, high);
    return outcome(next, input, next === input.replicas ? `capped at ${high} (maxReplicas or placeable)` : `utilisation ${input.utilisation.toFixed(2)} over target ${config.targetTFlopsOfLimits}`);
  }
  if (want < input.replicas) {
    if (cooling(input.lastScaleDownMs, config.scaleDownCoolDownTime, input.nowMs)) return outcome(input.replicas, input, 'scale-down cooling down');
    const next = Math.max(want, input.replicas - config.scaleDownStep, low);
    return outcome(next, input, next === input.replicas ? `held at minReplicas ${config.minReplicas}` : `utilisation ${input.utilisation.toFixed(2)} under target ${config.targetTFlopsOfLimits}`);
  }
  return outcome(input.replicas, input, `the utilisation asks for ${want} replicas, as many as run`);
}
