import type { Qos } from '../../schemas/annotations.ts';
import type { GpuPool } from '../../schemas/gpu-pool.ts';
import type { Pod } from '../../schemas/pod.ts';
import type { WorkloadProfile } from '../../schemas/workload-profile.ts';
import type { GpuCatalogue } from '../catalogue/gpu-catalogue.ts';
import type { ErrorCode } from '../errors.ts';
import { formatIssue, invalidInput, type Issue } from '../model/issue.ts';
import type { WorkloadSpec } from '../model/workload-spec.ts';
import type { AdmissionRequest } from './admission-review.ts';
import { greyRelease, type SlotContext } from './grey-release-step.ts';
import { diffJson, type JsonPatchOperation } from './json-patch.ts';
import { limitEnv } from './limit-env.ts';
import { mutatePod, WORKLOAD_LABEL, type PodMutation } from './mutate-pod.ts';
import { normalisedAnnotations } from './normalised-annotations.ts';
import { namingOwnerOf, workloadFromOwner, type OwnerAnnotationUpdate, type OwnerObject } from './owner.ts';
import { readPod, type PodRead, type SkipReason } from './read-pod.ts';
import { resolveRecommended } from './resolve-recommended.ts';
import type { SlotHolderPod, SlotHolderQuery } from './stale-slots.ts';

/** One admission request and what was read for it (see `planReads`). */
export interface AdmissionInput {
  readonly request: AdmissionRequest;
  readonly profile?: WorkloadProfile;
  readonly pools?: readonly GpuPool[];
  readonly catalogue?: GpuCatalogue;
  /** The pod's owner, read as `planReads` asked. */
  readonly owner?: OwnerObject;
  /** `readPod(request)`, when the caller has already read the pod (to plan its reads): not parsed again. */
  readonly read?: PodRead;
  /** The admission time (from the Clock port), stamped on grey-release claims. */
  readonly now?: Date;
  /** The pods listed by a decision's `slotHolderQuery`, to free the slots of terminating or vanished pods. */
  readonly slotHolders?: readonly SlotHolderPod[];
  /** How long a claimed slot waits for its pod (default `DEFAULT_SLOT_CLAIM_GRACE_SECONDS`, stale-slots.ts). */
  readonly slotClaimGraceSeconds?: number;
}

/** Why a pod was allowed. */
export type AllowReason = SkipReason | 'mutated' | 'beyond-enabled-replicas';

/**
 * The verdict on one pod. `allow` carries the JSON Patch (empty when nothing changes) and, when the pod
 * claims a grey-release slot, the owner update to write before answering; `deny` carries the code of
 * the first issue and every issue formatted and joined with "; ".
 */
export type AdmissionDecision =
  | {
    readonly verdict: 'allow'; readonly reason: AllowReason; readonly patch: readonly JsonPatchOperation[];
    readonly warnings: readonly string[]; readonly ownerUpdate?: OwnerAnnotationUpdate;
    /** Set when every slot looked taken: list these pods and decide again with them as `slotHolders`. */
    readonly slotHolderQuery?: SlotHolderQuery;
  }
  | { readonly verdict: 'deny'; readonly code: ErrorCode; readonly message: string; readonly issues: readonly Issue[]; readonly warnings: readonly string[] };

/** QoS levels that get a priority class when the pod names none (reference §7; the manifests ship both classes). */
export const PRIORITY_CLASSES: Readonly<Record<Qos, string | undefined>> = {
  low: undefined, medium: undefined, high: 'tensor-fusion-high', critical: 'tensor-fusion-critical',
};

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const allow = (reason: AllowReason, warnings: readonly string[]): AdmissionDecision => ({ verdict: 'allow', reason, patch: [], warnings });

function deny(issues: readonly Issue[], warnings: readonly string[]): AdmissionDecision {
  return { verdict: 'deny', code: (issues[0] as Issue).code, message: issues.map(formatIssue).join('; '), issues, warnings };
}

function workloadOf(pod: Pod, spec: WorkloadSpec, owner: OwnerObject | undefined): string {
  const reference = namingOwnerOf(pod);
  if (spec.origins['workload'] === 'annotation' || reference === undefined) return spec.workload;
  return workloadFromOwner(reference, owner) ?? spec.workload;
}

function planMutation(spec: WorkloadSpec, workload: string, counterMark: Readonly<Record<string, string>>): { mutation: PodMutation; warnings: string[] } {
  const labelled = workload.length <= 63 && LABEL_VALUE.test(workload);
  const mutation: PodMutation = {
    annotations: { ...normalisedAnnotations(spec), ...counterMark },
    labels: labelled ? { [WORKLOAD_LABEL]: workload } : {},
    env: limitEnv(spec, workload),
    injectContainers: spec.injectContainers,
    priorityClassName: PRIORITY_CLASSES[spec.qos],
  };
  const warnings = labelled ? [] : [formatIssue(invalidInput(`label ${WORKLOAD_LABEL}`, 'be a label value (at most 63 characters); the label is left out', workload))];
  return { mutation, warnings };
}

function slotContext(input: AdmissionInput, pod: Pod): SlotContext {
  return {
    request: input.request, pod, owner: input.owner,
    ...(input.now === undefined ? {} : { nowSeconds: Math.floor(input.now.getTime() / 1000) }),
    ...(input.slotHolders === undefined ? {} : { holders: input.slotHolders }),
    ...(input.slotClaimGraceSeconds === undefined ? {} : { graceSeconds: input.slotClaimGraceSeconds }),
  };
}

/**
 * Decide one pod admission (ARCHITECTURE §6), purely: pods that are not an opted-in pod CREATE pass
 * untouched; others are resolved with their profile and pool (every issue denies, named by key, rule
 * and value), with the recommendation recorded on their controller owner in place of the template's
 * values when auto-resources is on (`resolveRecommended`); `enabled-replicas` may let the pod pass
 * unchanged; the rest get the normalised annotations, workload label, limit env, scheduling gate,
 * pod-info volume and priority class, as a JSON Patch against the pod as received. The same input
 * always gives the same decision, and admitting the patched pod again gives an empty patch.
 */
export function admitPod(input: AdmissionInput): AdmissionDecision {
  const read = input.read ?? readPod(input.request);
  if (read.kind === 'skip') return allow(read.reason, read.warnings);
  if (read.kind === 'invalid') return deny(read.issues, []);
  const resolution = resolveRecommended(read.pod, input);
  const warnings = resolution.warnings.map(formatIssue);
  if (!resolution.ok) return deny(resolution.issues, warnings);
  const slot = greyRelease(slotContext(input, read.pod), resolution.spec.enabledReplicas);
  if (slot.kind === 'deny') return deny([slot.issue], warnings);
  if (slot.kind === 'full') {
    const note = [...warnings, slot.note];
    return { verdict: 'allow', reason: 'beyond-enabled-replicas', patch: [], warnings: note, ...(slot.holderQuery === undefined ? {} : { slotHolderQuery: slot.holderQuery }) };
  }
  const planned = planMutation(resolution.spec, workloadOf(read.pod, resolution.spec, input.owner), slot.annotations);
  const patch = diffJson(read.raw, mutatePod(read.raw, planned.mutation));
  return { verdict: 'allow', reason: 'mutated', patch, warnings: [...warnings, ...planned.warnings], ...(slot.ownerUpdate === undefined ? {} : { ownerUpdate: slot.ownerUpdate }) };
}
