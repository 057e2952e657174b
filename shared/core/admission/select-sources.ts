import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import { isDefaultPool, type GpuPool } from '../../schemas/gpu-pool.ts';
import type { WorkloadProfile } from '../../schemas/workload-profile.ts';
import { conflictingOptions, invalidInput, notFound, type Issue } from '../model/issue.ts';

/**
 * The WorkloadProfile the pod names, if it was supplied. The profile must sit in the pod's namespace
 * (reference §1.2 `workload-profile`). A named profile that is not supplied is NOT_FOUND; a supplied
 * profile the pod does not name is ignored with a warning.
 */
export function selectProfile(
  named: string | undefined,
  context: { profile: WorkloadProfile | undefined; namespace: string | undefined; issues: Issue[]; warnings: Issue[] },
): WorkloadProfile | undefined {
  const { profile, namespace } = context;
  if (named === undefined) {
    if (profile !== undefined) context.warnings.push(invalidInput(K.workloadProfile, `name the profile to use it; profile "${profile.metadata.name}" was given but the pod does not reference it, so it is ignored`));
    return undefined;
  }
  const sameNamespace = profile?.metadata.namespace === undefined || namespace === undefined || profile.metadata.namespace === namespace;
  if (profile === undefined || profile.metadata.name !== named || !sameNamespace) {
    context.issues.push(notFound(K.workloadProfile, `name a WorkloadProfile in the pod's namespace${namespace === undefined ? '' : ` (${namespace})`}`, named));
    return undefined;
  }
  return profile;
}

/**
 * The pool the pod runs in: the one named by `gpupool` (or the profile's `poolName`), else the default
 * pool. When no pool list is supplied (an offline check), nothing is looked up and the name is kept.
 */
export function selectPool(
  named: { name: string; field: string } | undefined,
  context: { pools: readonly GpuPool[] | undefined; issues: Issue[]; warnings: Issue[] },
): { pool: GpuPool | undefined; name: string | undefined } {
  const { pools } = context;
  if (pools === undefined) return { pool: undefined, name: named?.name };
  if (named !== undefined) {
    const pool = pools.find((candidate) => candidate.metadata.name === named.name);
    if (pool === undefined) context.issues.push(notFound(named.field, `name an existing GPUPool (${pools.map((p) => p.metadata.name).join(', ') || 'none defined'})`, named.name));
    return { pool, name: named.name };
  }
  const defaults = pools.filter(isDefaultPool).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  if (defaults.length === 0) {
    context.issues.push(notFound(K.gpuPool, 'be set: no GPUPool is marked default (spec.isDefault or annotation tensor-fusion.ai/is-default-pool)'));
    return { pool: undefined, name: undefined };
  }
  if (defaults.length > 1) context.warnings.push(conflictingOptions('GPUPool spec.isDefault', `be true on one pool only; using ${defaults[0]?.metadata.name}`, defaults.map((p) => p.metadata.name).join(', ')));
  return { pool: defaults[0], name: defaults[0]?.metadata.name };
}
