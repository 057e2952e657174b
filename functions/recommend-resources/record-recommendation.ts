import { encodeRecommendation, targetAnnotations } from '../../shared/core/admission/recorded-recommendation.ts';
import { recommendationRecords, recordRecommendation, type OwnerRecommendation } from '../../shared/core/autoscaling/recommendation-records.ts';
import { hasErrorCode } from '../../shared/core/errors.ts';
import { toAppError } from '../../shared/middleware/error-mapping.ts';
import type { AutoscaleTarget } from '../../shared/schemas/annotations.ts';
import type { RecommendDeps } from './deps.ts';
import type { WorkloadBatch } from './group-workloads.ts';

/** Tries of read → compare → conditional write on one owner. */
const MAX_ATTEMPTS = 5;
/** How long an instance trusts what it last recorded on an owner before it compares with the owner again. */
const MEMO_TTL_MS = 5 * 60_000;

/**
 * What an instance last recorded on (or found on) each owner: the record's text without its time. While
 * it holds, an unchanged recommendation costs no API call; after `MEMO_TTL_MS` the owner is read again,
 * so a record changed or removed by someone else is put back.
 */
export interface RecordedOwners {
  holds(key: string, text: string, nowMs: number): boolean;
  remember(key: string, text: string, nowMs: number): void;
}

/** {@link RecordedOwners} for at most `limit` owners. */
export function createRecordedOwners(limit = 10_000): RecordedOwners {
  const entries = new Map<string, { readonly text: string; readonly atMs: number }>();
  return {
    holds: (key, text, nowMs) => {
      const entry = entries.get(key);
      return entry !== undefined && entry.text === text && nowMs - entry.atMs < MEMO_TTL_MS;
    },
    remember: (key, text, nowMs) => {
      entries.delete(key);
      entries.set(key, { text, atMs: nowMs });
      if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    },
  };
}

/** Read the owner, compare, write if it differs; a lost race re-reads it fresh. */
async function writeRecord(owner: OwnerRecommendation, deps: RecommendDeps): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.cluster.getOwner(owner.reference, { fresh: attempt > 1 });
    const update = current === undefined ? undefined : recordRecommendation(current, owner.recorded);
    if (update === undefined) return;
    try {
      await deps.cluster.updateOwnerAnnotations(update);
      return;
    } catch (error) {
      if (!hasErrorCode(error, 'VERSION_CONFLICT') || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * Record on the pods' controller owners the target resources' annotations the pods were brought to
 * (`tensor-fusion.ai/recommended-resources`), for admission to give the owner's new pods. Only a change
 * is written. Best effort: the pods are already resized and their decisions due, so a failure is logged
 * and the next batch tries again.
 */
export async function recordApplied(batch: WorkloadBatch, applied: { readonly wanted: Readonly<Record<string, string>>; readonly target: AutoscaleTarget }, input: { readonly deps: RecommendDeps; readonly owners: RecordedOwners }): Promise<void> {
  const { deps, owners } = input;
  const now = deps.clock.now();
  const pods = batch.pods.map((reporting) => ({ pod: reporting.pod.pod, createdMs: reporting.pod.createdMs }));
  for (const owner of recommendationRecords(pods, { namespace: batch.namespace, annotations: targetAnnotations(applied.wanted, applied.target), appliedAt: now.toISOString() })) {
    const { kind, namespace, name } = owner.reference;
    const key = `${kind}/${namespace}/${name}`;
    const text = encodeRecommendation({ ...owner.recorded, appliedAt: '' });
    if (owners.holds(key, text, now.getTime())) continue;
    try {
      await writeRecord(owner, deps);
      owners.remember(key, text, now.getTime());
    } catch (error) {
      const appError = toAppError(error);
      deps.log('warn', 'recommendation not recorded on the owner', { owner: key, code: appError.code, error: appError.message });
    }
  }
}
