import { describe, expect, it } from 'vitest';
import { replicaConfigSchema } from './replica-config.ts';
import { decideReplicas, type ReplicaInput } from './replica-decision.ts';

// Target 80 % of the TFLOPS limits, tolerance 10 %, steps +2 / −1, cool-downs 60 s up / 300 s down, 1..8 replicas.
const config = replicaConfigSchema.parse({ minReplicas: 1, maxReplicas: 8 });
const input = (over: Partial<ReplicaInput>): ReplicaInput => ({ replicas: 4, utilisation: 0.8, placeable: 100, nowMs: 1_000_000, ...over });

describe('Function: decideReplicas()', () => {
  it.each([
    { name: 'on target', over: {}, expected: { replicas: 4, direction: 'none', reason: 'utilisation within tolerance of the target' } },
    { name: 'within the 10 % tolerance', over: { utilisation: 0.87 }, expected: { replicas: 4, direction: 'none', reason: 'utilisation within tolerance of the target' } },
    { name: 'busy: 4 × 1.2 ÷ 0.8 = 6, two more', over: { utilisation: 1.2 }, expected: { replicas: 6, direction: 'up', reason: 'utilisation 1.20 over target 0.8' } },
    { name: 'very busy: one step (+2) at a time', over: { utilisation: 2 }, expected: { replicas: 6, direction: 'up', reason: 'utilisation 2.00 over target 0.8' } },
    { name: 'busy but only one more fits', over: { utilisation: 2, placeable: 5 }, expected: { replicas: 5, direction: 'up', reason: 'utilisation 2.00 over target 0.8' } },
    { name: 'busy but nothing more fits', over: { utilisation: 2, placeable: 4 }, expected: { replicas: 4, direction: 'none', reason: 'capped at 4 (maxReplicas or placeable)' } },
    { name: 'busy at maxReplicas', over: { replicas: 8, utilisation: 2 }, expected: { replicas: 8, direction: 'none', reason: 'capped at 8 (maxReplicas or placeable)' } },
    { name: 'busy, scaled up 30 s ago', over: { utilisation: 2, lastScaleUpMs: 970_000 }, expected: { replicas: 4, direction: 'none', reason: 'scale-up cooling down' } },
    { name: 'busy, scaled up 60 s ago', over: { utilisation: 2, lastScaleUpMs: 940_000 }, expected: { replicas: 6, direction: 'up', reason: 'utilisation 2.00 over target 0.8' } },
    { name: 'idle: one step (−1) at a time', over: { utilisation: 0.1 }, expected: { replicas: 3, direction: 'down', reason: 'utilisation 0.10 under target 0.8' } },
    { name: 'idle, scaled down 100 s ago', over: { utilisation: 0.1, lastScaleDownMs: 900_000 }, expected: { replicas: 4, direction: 'none', reason: 'scale-down cooling down' } },
    { name: 'idle, scaled up just now (the other way)', over: { utilisation: 0.1, lastScaleUpMs: 999_000 }, expected: { replicas: 3, direction: 'down', reason: 'utilisation 0.10 under target 0.8' } },
    { name: 'idle on one replica: ceil(1 × 0.125) is still one', over: { replicas: 1, utilisation: 0.1 }, expected: { replicas: 1, direction: 'none', reason: 'the utilisation asks for 1 replicas, as many as run' } },
    { name: 'below minReplicas', over: { replicas: 0, utilisation: 0 }, expected: { replicas: 1, direction: 'up', reason: 'below minReplicas 1' } },
    { name: 'above maxReplicas', over: { replicas: 10 }, expected: { replicas: 8, direction: 'down', reason: 'above the most replicas allowed or placeable (8)' } },
    { name: 'more running than can be placed', over: { replicas: 4, placeable: 3 }, expected: { replicas: 3, direction: 'down', reason: 'above the most replicas allowed or placeable (3)' } },
    { name: 'held: silent pods turn the direction', over: { utilisation: 2, hold: 'silent pods' }, expected: { replicas: 4, direction: 'none', reason: 'silent pods' } },
    { name: 'held, yet above maxReplicas', over: { replicas: 10, utilisation: 2, hold: 'silent pods' }, expected: { replicas: 8, direction: 'down', reason: 'above the most replicas allowed or placeable (8)' } },
    { name: 'nothing placeable at all', over: { replicas: 0, utilisation: 0, placeable: 0 }, expected: { replicas: 0, direction: 'none', reason: 'the utilisation asks for 0 replicas, as many as run' } },
  ] as const)('$name', ({ over, expected }) => {
    expect(decideReplicas(input(over), config)).toEqual(expected);
  });

  it('holds at minReplicas when the utilisation asks for fewer', () => {
    expect(decideReplicas(input({ replicas: 2, utilisation: 0.1 }), replicaConfigSchema.parse({ minReplicas: 2 }))).toEqual({ replicas: 2, direction: 'none', reason: 'held at minReplicas 2' });
  });

  it('has no maximum of its own when maxReplicas is unset', () => {
    expect(decideReplicas(input({ replicas: 40, utilisation: 0.8 }), replicaConfigSchema.parse({}))).toMatchObject({ replicas: 40, direction: 'none' });
  });
});
