import type { Pod } from '../../schemas/pod.ts';
import type { Origin } from '../model/workload-spec.ts';

/**
 * The workload a pod belongs to (reference §1.3): the `workload` annotation (seed: pods naming one
 * workload share its vGPU workers), else the controller owner, one level up where the pod itself shows
 * it (a ReplicaSet named `<deployment>-<pod-template-hash>` gives the Deployment), else the pod's name,
 * else its generateName prefix. A Job's CronJob is resolved by the admission function through the API.
 */
export function resolveWorkloadName(pod: Pod, annotated: string | undefined): { name: string; origin: Origin } {
  if (annotated !== undefined) return { name: annotated, origin: 'annotation' };
  const owners = pod.metadata.ownerReferences ?? [];
  const owner = owners.find((reference) => reference.controller === true) ?? owners[0];
  if (owner !== undefined) {
    const hash = pod.metadata.labels?.['pod-template-hash'];
    if (owner.kind === 'ReplicaSet' && hash !== undefined && owner.name.endsWith(`-${hash}`)) {
      return { name: owner.name.slice(0, -hash.length - 1), origin: 'derived' };
    }
    return { name: owner.name, origin: 'derived' };
  }
  const name = pod.metadata.name ?? pod.metadata.generateName?.replace(/-$/, '');
  return { name: name !== undefined && name.length > 0 ? name : 'unnamed', origin: 'default' };
}
