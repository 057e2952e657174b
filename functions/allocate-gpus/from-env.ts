// The allocator's wiring from its environment (shared/adapters/function-env.ts plus its own variables):
// nothing connects until the first record, so importing the handler does no I/O.
import { z } from 'zod';
import { clusterAccessOf, functionEnv, functionEnvSchema, publisherOf, stateStoreOf, topicList } from '../../shared/adapters/function-env.ts';
import { createKubernetesCluster } from '../../shared/adapters/kubernetes/cluster.ts';
import { createKubernetesPodBinder } from '../../shared/adapters/kubernetes/pod-binder.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { PLACEMENT_MODES } from '../../shared/schemas/gpu-pool.ts';
import type { AllocateDeps } from './deps.ts';
import { poolStrategies } from './pool-strategies.ts';

/** The common variables plus the allocator's own, each with its default. */
export const allocateEnvSchema = functionEnvSchema.extend({
  /** Every pool's mode, overriding the GPUPools' (unset: each pool's own). */
  PLACEMENT_MODE: z.enum(PLACEMENT_MODES).optional(),
  ORPHAN_GRACE_SECONDS: z.coerce.number().int().min(0).default(120),
  CLUSTER_EVENTS_TOPICS: topicList('cluster-events'),
});

/** The allocator's dependencies from `env`; throws INVALID_INPUT naming each bad variable. */
export function allocateDepsFromEnv(env: Readonly<Record<string, string | undefined>>): AllocateDeps {
  const options = functionEnv('allocate-gpus', env, allocateEnvSchema);
  const access = clusterAccessOf(options);
  return {
    ledgers: createLedgerStore(stateStoreOf(options)),
    binder: createKubernetesPodBinder({ access }),
    publisher: publisherOf(options, 'allocate-gpus'),
    clock: systemClock,
    decisionsTopic: options.DECISIONS_TOPIC,
    deadLetterTopic: options.DEAD_LETTER_TOPIC,
    strategyFor: poolStrategies({
      cluster: createKubernetesCluster({ access, cacheTtlMs: 30_000 }),
      ...(options.PLACEMENT_MODE === undefined ? {} : { override: options.PLACEMENT_MODE }),
    }),
    orphanGraceMs: options.ORPHAN_GRACE_SECONDS * 1000,
    topics: options.CLUSTER_EVENTS_TOPICS,
    clusterId: options.CLUSTER_ID,
  };
}
