// Admission's wiring from its environment, shared by the Lambda entry point and agents/admission-server
// (which extends the schema with its listener and TLS settings). Each default lives here once.
import { z } from 'zod';
import { clusterAccessOf, functionEnvSchema } from '../../shared/adapters/function-env.ts';
import { createKubernetesCluster } from '../../shared/adapters/kubernetes/cluster.ts';
import { DEFAULT_SLOT_CLAIM_GRACE_SECONDS } from '../../shared/core/admission/stale-slots.ts';
import type { AdmitDeps } from './admit.ts';

/** The variables admission reads: the cluster ones of every function (function-env.ts), and its own. */
export const admitEnvSchema = functionEnvSchema.pick({ KUBECONFIG: true, CLUSTER_CACHE_TTL_MS: true }).extend({
  /** How long a claimed grey-release slot waits for its pod (stale-slots.ts). */
  SLOT_CLAIM_GRACE_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_SLOT_CLAIM_GRACE_SECONDS),
});

/** The parsed variables. */
type AdmitEnv = z.output<typeof admitEnvSchema>;

/** Admission's dependencies from parsed variables; nothing is read from the cluster until the first request. */
export function admitDepsOf(env: AdmitEnv): AdmitDeps {
  return {
    cluster: createKubernetesCluster({ access: clusterAccessOf(env), cacheTtlMs: env.CLUSTER_CACHE_TTL_MS }),
    slotClaimGraceSeconds: env.SLOT_CLAIM_GRACE_SECONDS,
  };
}
