import { z } from 'zod';

/**
 * `autoSetReplicas` with its defaults, under the names `ResolvedAutoScaling` carries (durations in ms).
 * TensorFusion declared these fields and never implemented them (reference §3.3); the defaults follow
 * the Kubernetes HPA: 80 % utilisation target with a 10 % tolerance, a 5 min scale-down stabilisation.
 */
export const replicaConfigSchema = z.object({
  /** Wanted mean used TFLOPS as a share of the TFLOPS limits. */
  targetTFlopsOfLimits: z.number().gt(0).max(1).default(0.8),
  /** Utilisation within this share of the target changes nothing (HPA's --horizontal-pod-autoscaler-tolerance). */
  tolerance: z.number().min(0).max(1).default(0.1),
  /** The window the caller averages utilisation over. */
  evaluationPeriod: z.number().positive().default(60_000),
  scaleUpStep: z.number().int().min(1).default(2),
  scaleDownStep: z.number().int().min(1).default(1),
  scaleUpCoolDownTime: z.number().min(0).default(60_000),
  scaleDownCoolDownTime: z.number().min(0).default(300_000),
  minReplicas: z.number().int().min(0).default(1),
  /** Unset: bounded only by what can be placed. */
  maxReplicas: z.number().int().min(0).optional(),
}).refine((c) => c.maxReplicas === undefined || c.minReplicas <= c.maxReplicas, { path: ['minReplicas'], message: 'not exceed maxReplicas' });

/** Resolved `autoSetReplicas` settings. */
export type ReplicaConfig = z.output<typeof replicaConfigSchema>;
