import { resolveWorkload } from '../../shared/core/admission/resolve-workload.ts';
import type { Resolution } from '../../shared/core/model/workload-spec.ts';
import { ANNOTATION_KEYS } from '../../shared/schemas/annotation-keys.ts';
import type { Pod } from '../../shared/schemas/pod.ts';
import type { WorkloadProfile } from '../../shared/schemas/workload-profile.ts';
import type { Inputs } from './load-inputs.ts';

/** One pod's outcome, named by where it was found: `examples/app.yaml#Deployment/web`. */
export interface PodResult {
  readonly source: string;
  readonly resolution: Resolution;
}

/**
 * The profile a pod names in `tensor-fusion.ai/workload-profile`, from its namespace. A profile with no
 * namespace, or a pod with none, matches any; among several, one in the pod's own namespace wins, then
 * one without a namespace, then the first given.
 */
export function pickProfile(pod: Pod, profiles: readonly WorkloadProfile[]): WorkloadProfile | undefined {
  const named = pod.metadata.annotations?.[ANNOTATION_KEYS.workloadProfile];
  if (named === undefined) return undefined;
  const namespace = pod.metadata.namespace;
  const candidates = profiles.filter((profile) => profile.metadata.name === named
    && (profile.metadata.namespace === undefined || namespace === undefined || profile.metadata.namespace === namespace));
  return candidates.find((profile) => namespace !== undefined && profile.metadata.namespace === namespace)
    ?? candidates.find((profile) => profile.metadata.namespace === undefined)
    ?? candidates[0];
}

/** Resolve every pod against the profiles, pools and catalogue; a pod that could not be read keeps its issues. */
export function resolvePods(inputs: Inputs): PodResult[] {
  return inputs.pods.map((entry): PodResult => {
    if (!entry.ok) return { source: entry.source, resolution: { ok: false, issues: entry.issues, warnings: [] } };
    const profile = pickProfile(entry.pod, inputs.profiles);
    const resolution = resolveWorkload(entry.pod, {
      ...(profile === undefined ? {} : { profile }),
      ...(inputs.pools === undefined ? {} : { pools: inputs.pools }),
      catalogue: inputs.catalogue,
    });
    return { source: entry.source, resolution };
  });
}
