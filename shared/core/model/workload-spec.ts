import type { AutoscaleTarget, Feature, Isolation, Qos } from '../../schemas/annotations.ts';
import type { Issue } from './issue.ts';

/**
 * Per-GPU amounts. A compute share is stated either in TFLOPS or in percent of the GPU, never both
 * (0 means not stated). TFLOPS and percent are in thousandths, VRAM in bytes: integers, so sums are exact.
 */
export interface ResourceAmounts {
  readonly tflopsMilli: number;
  readonly computePercentMilli: number;
  readonly vramBytes: number;
}

/** Where a resolved value came from, for "explain" output and the precedence tests. */
export type Origin = 'annotation' | 'profile' | 'pool' | 'request' | 'limit' | 'dedicated' | 'containers' | 'derived' | 'default';

/** Autoscaling settings after annotations (`auto-resources`, `auto-replicas`, aliases) are applied to the profile's. */
export interface ResolvedAutoScaling {
  readonly autoSetResources: {
    readonly enable: boolean;
    /** What is resized; `undefined` means recommend only, never apply. */
    readonly targetResource: AutoscaleTarget | undefined;
    /** Tuning fields under their current names (v1 names mapped), unset ones absent; defaults live with the recommender. */
    readonly settings: Readonly<Record<string, number>>;
  };
  readonly autoSetReplicas: { readonly enable: boolean; readonly settings: Readonly<Record<string, number>> };
  readonly cronScalingRules: readonly CronRule[];
  readonly externalScaler?: { readonly enable: boolean; readonly url?: string };
}

/** A cron scaling rule, amounts converted. */
export interface CronRule {
  readonly name: string;
  readonly enable: boolean;
  readonly start: string;
  readonly end: string;
  readonly requests?: Partial<ResourceAmounts>;
  readonly limits?: Partial<ResourceAmounts>;
  readonly desiredReplicas?: number;
}

/**
 * One resolved, validated workload: what a pod asks for once its annotations, its WorkloadProfile and
 * its pool are combined. Requests and limits are per GPU; `totals` multiply by `gpuCount`.
 */
export interface WorkloadSpec {
  /** The pod carries `tensor-fusion.ai/enabled: "true"`. */
  readonly enabled: boolean;
  readonly workload: string;
  readonly profile: string | undefined;
  readonly pool: string | undefined;
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
  readonly totals: { readonly requests: ResourceAmounts; readonly limits: ResourceAmounts };
  readonly qos: Qos;
  readonly gpuCount: number;
  readonly gpuIndices: readonly number[] | undefined;
  /** Allowed GPU models; empty means any. */
  readonly gpuModels: readonly string[];
  readonly vendor: string | undefined;
  readonly dedicatedGpu: boolean;
  readonly isLocalGpu: boolean;
  /** The vGPU worker runs standalone (a sidecar in local mode; always in remote mode). */
  readonly standaloneWorker: boolean;
  readonly isolation: Isolation;
  readonly partitionId: string | undefined;
  readonly injectContainers: readonly string[];
  readonly disabledFeatures: readonly Feature[];
  readonly enabledReplicas: number | undefined;
  readonly replicas: number | undefined;
  readonly autoScaling: ResolvedAutoScaling;
  /** Origin of each field that has more than one possible source. */
  readonly origins: Readonly<Record<string, Origin>>;
}

/** The outcome of resolution: a spec, or every issue found. Warnings (unknown keys, ignored inputs) come with both. */
export type Resolution =
  | { readonly ok: true; readonly spec: WorkloadSpec; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[]; readonly warnings: readonly Issue[] };
