import { RECOMMENDED_RESOURCES_KEY } from '../../schemas/annotation-keys.ts';
import type { Pod } from '../../schemas/pod.ts';
import type { Issue } from '../model/issue.ts';
import type { WorkloadSpec } from '../model/workload-spec.ts';
import { templateLabel } from './grey-release.ts';
import { controllerOf, type OwnerObject } from './owner.ts';
import { decodeRecommendation, targetAnnotations } from './recorded-recommendation.ts';

/**
 * What the recommendation recorded on a pod's controller owner does to the pod: nothing, replace the
 * target resources' annotations (`pod`, to resolve instead), or nothing because the record is unreadable
 * (`issues`, to warn about). `where` names the owner (`ReplicaSet ml/web-5d8f`).
 */
type RecommendationOverlay =
  | { readonly kind: 'none' }
  | { readonly kind: 'overlay'; readonly pod: Pod; readonly where: string }
  | { readonly kind: 'ignored'; readonly issues: readonly Issue[]; readonly where: string };

const NONE: RecommendationOverlay = { kind: 'none' };

/** The record and the owner's name, when `owner` is the pod's controller and carries one. */
function recordOf(pod: Pod, owner: OwnerObject | undefined): { text: string; where: string } | undefined {
  const controller = controllerOf(pod);
  const text = owner?.annotations[RECOMMENDED_RESOURCES_KEY];
  if (owner === undefined || text === undefined || controller?.kind !== owner.reference.kind || controller.name !== owner.reference.name) return undefined;
  const { kind, namespace, name } = owner.reference;
  return { text, where: `${kind} ${namespace}/${name}` };
}

/**
 * The rule for new pods of an autoscaled workload (functions/admit-pod/README.md): when `spec` (the pod
 * as its template states it) has auto-resources on with a target and no dedicated GPU, and the pod's
 * controller owner records a recommendation made for the same template (`pod-template-hash` /
 * `controller-revision-hash`), the recorded values of the target resources replace the template's.
 * A record for another template is left alone: the user changed the spec, and the recommender corrects
 * the new pods once they report. An unreadable record is ignored, never a reason to deny the pod.
 */
export function overlayRecommendation(pod: Pod, input: { readonly spec: WorkloadSpec; readonly owner: OwnerObject | undefined }): RecommendationOverlay {
  const { enable, targetResource } = input.spec.autoScaling.autoSetResources;
  const record = recordOf(pod, input.owner);
  if (!enable || targetResource === undefined || input.spec.dedicatedGpu || record === undefined) return NONE;
  const decoded = decodeRecommendation(record.text, record.where);
  if (!decoded.ok) return { kind: 'ignored', issues: decoded.issues, where: record.where };
  if (decoded.value.template !== templateLabel(pod.metadata.labels)?.value) return NONE;
  const recommended = targetAnnotations(decoded.value.annotations, targetResource);
  const current: Readonly<Record<string, string>> = { ...pod.metadata.annotations };
  if (Object.entries(recommended).every(([key, value]) => current[key] === value)) return NONE;
  return { kind: 'overlay', pod: { ...pod, metadata: { ...pod.metadata, annotations: { ...current, ...recommended } } }, where: record.where };
}
