import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import type { GpuPool } from '../../schemas/gpu-pool.ts';
import type { Pod } from '../../schemas/pod.ts';
import type { WorkloadProfile } from '../../schemas/workload-profile.ts';
import { builtinCatalogue, type GpuCatalogue } from '../catalogue/gpu-catalogue.ts';
import type { Issue } from '../model/issue.ts';
import type { ResourceAmounts, Resolution, WorkloadSpec } from '../model/workload-spec.ts';
import { checkEnabled, checkKeys } from './check-keys.ts';
import { checkFits, checkSized } from './check-amounts.ts';
import { parseAnnotations } from './parse-annotations.ts';
import type { ResolutionContext } from './resolution-context.ts';
import { resolveAutoScaling } from './resolve-autoscaling.ts';
import { containerFacts, resolveInjectContainers } from './resolve-containers.ts';
import { resolveDedicated } from './resolve-dedicated.ts';
import { resolveGpus } from './resolve-gpus.ts';
import { resolveMode } from './resolve-mode.ts';
import { resolveQos } from './resolve-qos.ts';
import { resolveResources } from './resolve-resources.ts';
import { resolveWorkloadName } from './resolve-workload-name.ts';
import { selectPool, selectProfile } from './select-sources.ts';

/** What resolution may read besides the pod: fetched by the caller through its ports. */
export interface ResolveSources {
  /** The WorkloadProfile the pod names, from the pod's namespace. */
  readonly profile?: WorkloadProfile;
  /** Known GPU pools; leave out for an offline check (no pool lookup). */
  readonly pools?: readonly GpuPool[];
  /** GPU models, for dedicated-gpu capacity and fit checks; the built-in catalogue when left out. */
  readonly catalogue?: GpuCatalogue;
}

function readInputs(pod: Pod, sources: ResolveSources): ResolutionContext {
  const raw = pod.metadata.annotations ?? {};
  const issues: Issue[] = [];
  const warnings = checkKeys(raw);
  const { parsed, failedKeys } = parseAnnotations(raw, issues);
  const profile = selectProfile(parsed[K.workloadProfile], { profile: sources.profile, namespace: pod.metadata.namespace, issues, warnings });
  const poolName = parsed[K.gpuPool] ?? profile?.spec.poolName;
  const named = poolName === undefined ? undefined : { name: poolName, field: parsed[K.gpuPool] === undefined ? `WorkloadProfile ${profile?.metadata.name} spec.poolName` : K.gpuPool };
  const { pool } = selectPool(named, { pools: sources.pools, issues, warnings });
  const origins = { pool: parsed[K.gpuPool] !== undefined ? 'annotation' : poolName !== undefined ? 'profile' : 'pool' } as const;
  return { pod, raw, parsed, failedKeys, profile, pool, catalogue: sources.catalogue ?? builtinCatalogue, issues, warnings, origins: { ...origins } };
}

const times = (amounts: ResourceAmounts, count: number): ResourceAmounts => ({
  tflopsMilli: amounts.tflopsMilli * count, computePercentMilli: amounts.computePercentMilli * count, vramBytes: amounts.vramBytes * count,
});

function buildSpec(context: ResolutionContext, enabled: boolean): WorkloadSpec {
  const { parsed } = context;
  const facts = containerFacts(context.pod.spec?.containers ?? []);
  const mode = resolveMode(context);
  const gpus = resolveGpus(context, facts);
  const dedicated = parsed[K.dedicatedGpu] === true;
  const resources = dedicated ? resolveDedicated(context, gpus.gpuModels) : resolveResources(context);
  if (!dedicated) {
    checkSized(context, resources, mode.isolation === 'shared');
    checkFits(context, resources, gpus.gpuModels);
  }
  const workload = resolveWorkloadName(context.pod, parsed[K.workload]);
  context.origins.workload = workload.origin;
  return {
    enabled, workload: workload.name, profile: context.profile?.metadata.name,
    pool: context.pool?.metadata.name ?? parsed[K.gpuPool] ?? context.profile?.spec.poolName,
    requests: resources.requests, limits: resources.limits,
    totals: { requests: times(resources.requests, gpus.gpuCount), limits: times(resources.limits, gpus.gpuCount) },
    qos: resolveQos(context, resources), ...gpus, dedicatedGpu: dedicated, ...mode,
    injectContainers: resolveInjectContainers(context, facts),
    disabledFeatures: parsed[K.disableFeatures] ?? [],
    enabledReplicas: parsed[K.enabledReplicas],
    replicas: context.profile?.spec.replicas,
    autoScaling: resolveAutoScaling(context),
    origins: context.origins,
  };
}

/**
 * Resolve a pod's `tensor-fusion.ai/*` annotations, its WorkloadProfile and its pool into one validated
 * {@link WorkloadSpec}, or every issue found (each naming the key or profile field, the rule and the
 * value). Pure and total: it never throws on any string map of annotations and labels.
 */
export function resolveWorkload(pod: Pod, sources: ResolveSources = {}): Resolution {
  const context = readInputs(pod, sources);
  const enabled = checkEnabled(pod.metadata.labels, context.issues);
  const spec = buildSpec(context, enabled);
  if (context.issues.length > 0) return { ok: false, issues: context.issues, warnings: context.warnings };
  return { ok: true, spec, warnings: context.warnings };
}
