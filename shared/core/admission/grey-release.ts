import { DOMAIN } from '../../schemas/annotation-keys.ts';

/**
 * The pod annotation that marks a pod holding a grey-release slot (reference §2.8 `pod-counter-key`):
 * `<owner annotation key>#<slot token>`. The token makes give-back idempotent: only a pod whose token
 * is still listed gives a slot back, however often its deletion is reported.
 */
export const POD_COUNTER_KEY = `${DOMAIN}pod-counter-key`;

/** Prefix of the owner annotation that lists the slot tokens of one pod template (TensorFusion's key). */
export const COUNTER_KEY_PREFIX = `${DOMAIN}tf-counter-`;

const KEY_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** 32-bit FNV-1a of `text` in hex: a short stable stand-in for a value too long for an annotation key. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** The label that tells a pod's template apart: `pod-template-hash` (ReplicaSets), else `controller-revision-hash`. */
export function templateLabel(labels: Readonly<Record<string, string>> | undefined): { readonly name: string; readonly value: string } | undefined {
  for (const name of ['pod-template-hash', 'controller-revision-hash']) {
    const value = labels?.[name];
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

/**
 * The owner annotation key that counts one pod template's mutated pods: `tf-counter-<pod-template-hash>`
 * (ReplicaSets), else `<controller-revision-hash>` (StatefulSets, DaemonSets), else `all` (one count for
 * the owner). A value that cannot be part of an annotation key is replaced by its hash.
 */
export function counterKeyFor(labels: Readonly<Record<string, string>> | undefined): string {
  const hash = templateLabel(labels)?.value ?? 'all';
  const key = `${COUNTER_KEY_PREFIX}${hash}`;
  return key.length - DOMAIN.length <= 63 && KEY_NAME.test(key.slice(DOMAIN.length)) ? key : `${COUNTER_KEY_PREFIX}${fnv1a(hash)}`;
}

/** The slot tokens listed in an owner annotation value (comma separated, in claim order). */
export function parseHolders(value: string | undefined): string[] {
  const tokens = (value ?? '').split(',').map((token) => token.trim()).filter((token) => token.length > 0);
  return [...new Set(tokens)];
}

/** A pod's slot: which owner annotation lists it, and its token there. */
export interface CounterMark {
  readonly key: string;
  readonly token: string;
}

/** The mark in a pod's `pod-counter-key` annotation, or undefined when absent or not ours. */
export function parseMark(value: string | undefined): CounterMark | undefined {
  const at = value?.lastIndexOf('#') ?? -1;
  if (value === undefined || at <= 0 || at === value.length - 1) return undefined;
  return { key: value.slice(0, at), token: value.slice(at + 1) };
}

/** The `pod-counter-key` annotation value for a mark. */
export const formatMark = (mark: CounterMark): string => `${mark.key}#${mark.token}`;

/** A slot token from an admission request uid: only letters, digits and `-`, so lists stay parseable. */
export function tokenOf(requestUid: string): string {
  const token = requestUid.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64);
  return token.length > 0 ? token : fnv1a(requestUid);
}

/**
 * The token a claim writes: the request's {@link tokenOf} and, when the claim time is known, `.` and the
 * claim time in base-36 epoch seconds (`3f1c0b9e-….mb2k3x`). The time lets a later admission tell a slot
 * whose pod is gone (claimed long ago, no pod holds it) from one whose pod is still being created.
 */
export const claimToken = (requestUid: string, claimedAtSeconds: number | undefined): string =>
  claimedAtSeconds === undefined ? tokenOf(requestUid) : `${tokenOf(requestUid)}.${Math.floor(claimedAtSeconds).toString(36)}`;

/** The request part of a token (what {@link tokenOf} gave), without the claim time. */
export function identityOf(token: string): string {
  const at = token.indexOf('.');
  return at < 0 ? token : token.slice(0, at);
}

/** When a token was claimed, in epoch seconds; undefined for a token written without a time. */
export function claimedAtOf(token: string): number | undefined {
  const time = token.split('.')[1];
  const seconds = time === undefined || !/^[0-9a-z]{1,10}$/.test(time) ? Number.NaN : parseInt(time, 36);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** What the grey-release check needs about one admission. */
export interface SlotRequest {
  /** The owner annotation key ({@link counterKeyFor}). */
  readonly key: string;
  /** `enabled-replicas`: how many pods of the template get a GPU share. */
  readonly limit: number;
  /** The pod's `pod-counter-key` annotation, present when admission runs again on an admitted pod. */
  readonly mark: string | undefined;
  readonly requestUid: string;
  /** The admission time in epoch seconds, written into a new claim; without it the token carries no time. */
  readonly nowSeconds?: number;
  /** Tokens whose pods are known to be gone or terminating (`staleSlotTokens`): their slots are free. */
  readonly stale?: ReadonlySet<string>;
}

/** The grey-release verdict: the pod already holds a slot, claims a free one, or finds all taken. */
export type SlotVerdict =
  | { readonly kind: 'holds'; readonly mark: string }
  | { readonly kind: 'claims'; readonly mark: string; readonly value: string }
  | { readonly kind: 'full'; readonly holders: number };

/**
 * Grey release (reference §2.8): only the first `limit` pods of a template are mutated. The slots are
 * the tokens listed on the owner; a pod whose mark is listed keeps its slot (re-admission is a no-op),
 * and so does a retried request whose token is listed; otherwise the pod claims a slot while fewer than
 * `limit` live tokens are listed, dropping the `stale` ones in the same write. The caller writes the
 * claim with the owner's resourceVersion as precondition.
 */
export function decideSlot(ownerAnnotations: Readonly<Record<string, string>>, request: SlotRequest): SlotVerdict {
  const listed = parseHolders(ownerAnnotations[request.key]);
  const existing = parseMark(request.mark);
  if (existing !== undefined && existing.key === request.key && listed.includes(existing.token)) {
    return { kind: 'holds', mark: formatMark(existing) };
  }
  const identity = tokenOf(request.requestUid);
  const retried = listed.find((token) => identityOf(token) === identity);
  if (retried !== undefined) return { kind: 'holds', mark: formatMark({ key: request.key, token: retried }) };
  const holders = listed.filter((token) => request.stale?.has(token) !== true);
  if (holders.length >= request.limit) return { kind: 'full', holders: holders.length };
  const token = claimToken(request.requestUid, request.nowSeconds);
  return { kind: 'claims', mark: formatMark({ key: request.key, token }), value: [...holders, token].join(',') };
}

/** The give-back verdict for a deleted pod: nothing to do, or the owner annotation's new value (`null` removes it). */
export type ReleaseVerdict =
  | { readonly kind: 'none'; readonly reason: 'not-marked' | 'not-listed' }
  | { readonly kind: 'release'; readonly key: string; readonly value: string | null };

/**
 * Give a deleted pod's slot back. Idempotent: a pod without a mark, or whose token the owner no longer
 * lists (already given back), changes nothing, so a repeated `pod.deleted` event never frees two slots.
 */
export function decideRelease(podAnnotations: Readonly<Record<string, string>> | undefined, ownerAnnotations: Readonly<Record<string, string>>): ReleaseVerdict {
  const mark = parseMark(podAnnotations?.[POD_COUNTER_KEY]);
  if (mark === undefined) return { kind: 'none', reason: 'not-marked' };
  const holders = parseHolders(ownerAnnotations[mark.key]);
  if (!holders.includes(mark.token)) return { kind: 'none', reason: 'not-listed' };
  const rest = holders.filter((token) => token !== mark.token);
  return { kind: 'release', key: mark.key, value: rest.length > 0 ? rest.join(',') : null };
}
