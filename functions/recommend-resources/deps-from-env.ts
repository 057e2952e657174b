// The real adapters, wired from environment variables (the runner and Lambda both set them).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { clusterAccessOf, functionEnv, functionEnvSchema, publisherOf, stateStoreOf } from '../../shared/adapters/function-env.ts';
import { createKubernetesCluster } from '../../shared/adapters/kubernetes/cluster.ts';
import { createKubernetesWorkloads } from '../../shared/adapters/kubernetes/workloads.ts';
import { createLedgerGpuLedger } from '../../shared/adapters/state/gpu-ledger.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import { gpuCapacityOf } from '../../shared/core/autoscaling/workload-baseline.ts';
import { builtinCatalogue } from '../../shared/core/catalogue/gpu-catalogue.ts';
import type { GpuModelSpec } from '../../shared/core/catalogue/gpu-model.ts';
import { fixedClock, systemClock } from '../../shared/ports/clock.ts';
import type { RecommendDeps } from './deps.ts';

const envSchema = functionEnvSchema.extend({
  METRICS_TOPIC: z.string().min(1).default('gpu-metrics'),
  AUTOSCALE_TIME_ZONE: z.string().min(1).default('UTC'),
  /** A catalogue name; the GPU assumed for pods that name no known model. */
  DEFAULT_GPU_MODEL: z.string().refine((name) => builtinCatalogue.lookup(name) !== undefined, { error: 'name a GPU model of the catalogue' }).default('A100'),
  /** Freeze the clock at an ISO instant (replays and tests of cron windows). */
  AUTOSCALE_FIXED_TIME: z.iso.datetime().optional(),
});

const log: RecommendDeps['log'] = (level, message, fields = {}) =>
  console.error(JSON.stringify({ source: 'functions/recommend-resources', level, message, ...fields }));

/** Dependencies from `env`; throws `INVALID_INPUT` naming every bad variable. */
export function depsFromEnv(env: Readonly<Record<string, string | undefined>>): RecommendDeps {
  const parsed = functionEnv('recommend-resources', env, envSchema);
  const access = clusterAccessOf(parsed);
  // The schema's refine has already checked that the catalogue knows this name.
  const model = builtinCatalogue.lookup(parsed.DEFAULT_GPU_MODEL) as GpuModelSpec;
  const store = stateStoreOf(parsed);
  return {
    store,
    ledger: createLedgerGpuLedger(createLedgerStore(store)),
    cluster: createKubernetesCluster({ access, cacheTtlMs: parsed.CLUSTER_CACHE_TTL_MS }),
    workloads: createKubernetesWorkloads({ access }),
    publisher: publisherOf(parsed, 'recommend-resources'),
    clock: parsed.AUTOSCALE_FIXED_TIME === undefined ? systemClock : fixedClock(parsed.AUTOSCALE_FIXED_TIME),
    newId: randomUUID,
    topics: { metrics: parsed.METRICS_TOPIC, decisions: parsed.DECISIONS_TOPIC, deadLetter: parsed.DEAD_LETTER_TOPIC },
    timeZone: parsed.AUTOSCALE_TIME_ZONE,
    defaultGpu: gpuCapacityOf(model),
    log,
    clusterId: parsed.CLUSTER_ID,
  };
}
