import { resolveWorkload } from '../../shared/core/admission/resolve-workload.ts';
import { configFromSettings } from '../../shared/core/autoscaling/config-from-settings.ts';
import { replicaConfigSchema, type ReplicaConfig } from '../../shared/core/autoscaling/replica-config.ts';
import { defaultConfigSchema, type DefaultConfig } from '../../shared/core/autoscaling/recommender-config.ts';
import { gpuCapacityOf, type GpuCapacity } from '../../shared/core/autoscaling/workload-baseline.ts';
import { builtinCatalogue } from '../../shared/core/catalogue/gpu-catalogue.ts';
import { formatIssue } from '../../shared/core/model/issue.ts';
import type { WorkloadSpec } from '../../shared/core/model/workload-spec.ts';
import type { WorkloadProfile } from '../../shared/schemas/workload-profile.ts';
import { ANNOTATION_KEYS as K } from '../../shared/schemas/annotation-keys.ts';
import type { RecommendDeps } from './deps.ts';
import type { ReportingPod, WorkloadBatch } from './group-workloads.ts';
import { heldGpus } from './held-gpus.ts';

/** Everything a workload's step needs besides its record. */
export interface WorkloadContext {
  readonly spec: WorkloadSpec;
  readonly config: DefaultConfig;
  /** Set when `autoSetReplicas` is on. */
  readonly replicaConfig?: ReplicaConfig;
  /**
   * The GPU percent and TFLOPS convert through (recommender baseline, annotations written back, replica
   * utilisation): the one the lead pod's booking sits on when the ledger holds it, else the first model of
   * `gpuModels` the catalogue knows, else `DEFAULT_GPU_MODEL`.
   */
  readonly gpu: GpuCapacity;
  /** The workload's oldest reporting pod: when the initial delay started. */
  readonly createdMs: number;
  /** The pod whose spec speaks for the workload (the first by name). */
  readonly lead: ReportingPod;
}

/** The catalogue's guess: the workload's first known model, else the default. */
function gpuOf(spec: WorkloadSpec, fallback: GpuCapacity): GpuCapacity {
  const model = spec.gpuModels.map((name) => builtinCatalogue.lookup(name)).find((found) => found !== undefined);
  return model === undefined ? fallback : gpuCapacityOf(model);
}

/** What a workload's context is derived from, besides the batch: cached per pod and profile object. */
type Derived = Omit<WorkloadContext, 'createdMs' | 'lead'> | { readonly skipped: string; readonly issues: readonly string[] };

function derive(pod: ReportingPod, profile: WorkloadProfile | undefined, deps: RecommendDeps): Derived {
  const resolution = resolveWorkload(pod.pod.pod, profile === undefined ? {} : { profile });
  if (!resolution.ok) return { skipped: 'workload skipped: its configuration does not resolve', issues: resolution.issues.map(formatIssue) };
  const { spec } = resolution;
  const config = configFromSettings(defaultConfigSchema, spec.autoScaling.autoSetResources.settings, 'autoScalingConfig.autoSetResources');
  const replicas = configFromSettings(replicaConfigSchema, spec.autoScaling.autoSetReplicas.settings, 'autoScalingConfig.autoSetReplicas');
  const issues = [...(config.ok ? [] : config.issues), ...(replicas.ok || !spec.autoScaling.autoSetReplicas.enable ? [] : replicas.issues)];
  if (!config.ok || issues.length > 0) return { skipped: 'workload skipped: invalid autoscaling settings', issues: issues.map(formatIssue) };
  return {
    spec, config: config.config, gpu: gpuOf(spec, deps.defaultGpu),
    ...(spec.autoScaling.autoSetReplicas.enable && replicas.ok ? { replicaConfig: replicas.config } : {}),
  };
}

/** Resolves workload contexts; one per handler instance, so its cache lives as long as the instance. */
export interface ContextResolver {
  (batch: WorkloadBatch, deps: RecommendDeps): Promise<WorkloadContext | undefined>;
  /** Read ahead, together, the GPUs the batches' lead pods hold that the instance has not read yet. */
  prefetch(batches: readonly WorkloadBatch[], deps: RecommendDeps): Promise<void>;
}

/** The pod whose spec speaks for the workload: the first by name (worked out once per batch, for `prefetch` and the step alike). */
function leadFinder(): (batch: WorkloadBatch) => ReportingPod {
  const leads = new WeakMap<WorkloadBatch, ReportingPod>();
  return (batch) => {
    const lead = leads.get(batch) ?? [...batch.pods].sort((a, b) => a.name.localeCompare(b.name))[0] as ReportingPod;
    leads.set(batch, lead);
    return lead;
  };
}

/**
 * The workload's spec (the lead pod's annotations over its WorkloadProfile, as admission resolved them)
 * and its autoscaling settings with their defaults. A workload whose configuration is broken is logged
 * and skipped (`undefined`): retrying the metrics would not mend it. Resolution is cached by the pod and
 * profile objects the ports hand out (a changed pod or profile is a new object): batches that see the same
 * objects share it, which with the Kubernetes adapters means those inside their read caches (pods 2 s,
 * profiles CLUSTER_CACHE_TTL_MS), so a node reporting every 30 s mostly resolves again (keying by the
 * objects' resourceVersion would make it once per change); the GPU the lead pod holds is read from the
 * ledger once per pod ({@link heldGpus}), a cold batch's lead pods together (`prefetch`).
 */
export function contextResolver(): ContextResolver {
  const cache = new WeakMap<object, WeakMap<object, Derived>>();
  const held = heldGpus();
  const leadOf = leadFinder();
  const noProfile = {};
  const resolve = async (batch: WorkloadBatch, deps: RecommendDeps): Promise<WorkloadContext | undefined> => {
    const lead = leadOf(batch);
    const profileName = lead.pod.pod.metadata.annotations?.[K.workloadProfile];
    const profile = profileName === undefined || profileName === '' ? undefined : await deps.cluster.getWorkloadProfile(batch.namespace, profileName);
    const byProfile = cache.get(lead.pod.pod) ?? new WeakMap<object, Derived>();
    cache.set(lead.pod.pod, byProfile);
    const derived = byProfile.get(profile ?? noProfile) ?? derive(lead, profile, deps);
    byProfile.set(profile ?? noProfile, derived);
    if ('skipped' in derived) {
      deps.log('warn', derived.skipped, { namespace: batch.namespace, workload: batch.workload, issues: derived.issues });
      return undefined;
    }
    const gpu = await held({ clusterId: batch.clusterId, podUid: lead.pod.uid }, deps.ledger);
    return { ...derived, ...(gpu === undefined ? {} : { gpu }), createdMs: Math.min(...batch.pods.map((reporting) => reporting.pod.createdMs)), lead };
  };
  const prefetch = (batches: readonly WorkloadBatch[], deps: RecommendDeps): Promise<void> =>
    held.prefetch(batches.map((batch) => ({ clusterId: batch.clusterId, podUid: leadOf(batch).pod.uid })), deps.ledger);
  return Object.assign(resolve, { prefetch });
}
