// The effects around the pure decision: read what planReads asks through the Cluster port, decide with
// admitPod, write a grey-release claim under the owner's resourceVersion, and re-read and re-decide when
// a concurrent admission won the race (STYLE rule 5: decide on a snapshot, write conditionally).
import { admitPod, type AdmissionDecision, type AdmissionInput } from '../../shared/core/admission/admit-pod.ts';
import type { AdmissionRequest } from '../../shared/core/admission/admission-review.ts';
import { ownerAfterProfile, planReads, type AdmissionReads } from '../../shared/core/admission/plan-reads.ts';
import { readPod } from '../../shared/core/admission/read-pod.ts';
import { POD_COUNTER_KEY } from '../../shared/core/admission/grey-release.ts';
import type { GpuCatalogue } from '../../shared/core/catalogue/gpu-catalogue.ts';
import { hasErrorCode } from '../../shared/core/errors.ts';
import { systemClock, type Clock } from '../../shared/ports/clock.ts';
import type { Cluster } from '../../shared/ports/cluster.ts';

/** What admission reads from and writes to. */
export interface AdmitDeps {
  readonly cluster: Cluster;
  /** GPU models for dedicated-gpu and fit checks; the built-in catalogue when left out. */
  readonly catalogue?: GpuCatalogue;
  /** Tries of read → decide → conditional write before a conflict is answered as retryable (default 5). */
  readonly maxAttempts?: number;
  /** The admission time, stamped on grey-release claims (default the system clock). */
  readonly clock?: Clock;
  /** How long a claimed grey-release slot waits for its pod (default in `stale-slots.ts`). */
  readonly slotClaimGraceSeconds?: number;
}

async function gather(request: AdmissionRequest, reads: AdmissionReads, deps: AdmitDeps & { retry: boolean }): Promise<AdmissionInput> {
  const { cluster } = deps;
  const [profile, pools, planned] = await Promise.all([
    reads.profile === undefined ? undefined : cluster.getWorkloadProfile(reads.profile.namespace, reads.profile.name),
    reads.pools ? cluster.listGpuPools() : undefined,
    reads.owner === undefined ? undefined : cluster.getOwner(reads.owner.reference, { fresh: reads.owner.fresh || deps.retry }),
  ]);
  // The profile switches auto-resources on: the controller owner is read too, for its recorded recommendation.
  const later = ownerAfterProfile(reads, profile);
  const owner = later === undefined ? planned : await cluster.getOwner(later);
  return {
    request,
    now: (deps.clock ?? systemClock).now(),
    ...(deps.slotClaimGraceSeconds === undefined ? {} : { slotClaimGraceSeconds: deps.slotClaimGraceSeconds }),
    ...(profile === undefined ? {} : { profile }),
    ...(pools === undefined ? {} : { pools }),
    ...(owner === undefined ? {} : { owner }),
    ...(deps.catalogue === undefined ? {} : { catalogue: deps.catalogue }),
  };
}

/**
 * `admitPod` on `input`; when it found every grey-release slot taken, the pods that may hold them are
 * listed and it decides again with them, so slots of terminating or vanished pods are taken over.
 */
async function decide(input: AdmissionInput, cluster: Cluster): Promise<AdmissionDecision> {
  const first = admitPod(input);
  if (first.verdict === 'deny' || first.slotHolderQuery === undefined) return first;
  const { namespace, labelSelector } = first.slotHolderQuery;
  const pods = await cluster.listPods(namespace, labelSelector);
  const slotHolders = pods.map((pod) => ({ mark: pod.annotations[POD_COUNTER_KEY], terminating: pod.terminating }));
  return admitPod({ ...input, slotHolders });
}

/**
 * Admit one request: the decision of `admitPod` on freshly gathered inputs, with its grey-release claim
 * written before the answer (a pod is only mutated once its slot is recorded). A lost race re-reads the
 * owner and decides again; after `maxAttempts` the conflict is thrown (retryable: the API server's
 * client, e.g. the ReplicaSet controller, creates the pod again).
 */
export async function admit(request: AdmissionRequest, deps: AdmitDeps): Promise<AdmissionDecision> {
  const read = readPod(request);
  const reads = planReads(request, read);
  const maxAttempts = deps.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const decision = await decide({ ...await gather(request, reads, { ...deps, retry: attempt > 1 }), read }, deps.cluster);
    if (decision.verdict === 'deny' || decision.ownerUpdate === undefined) return decision;
    try {
      await deps.cluster.updateOwnerAnnotations(decision.ownerUpdate);
      return decision;
    } catch (error) {
      if (!hasErrorCode(error, 'VERSION_CONFLICT') || attempt >= maxAttempts) throw error;
    }
  }
}
