import type { ErrorCode } from '../errors.ts';

/**
 * One problem found in a user's input: where (an annotation key or a profile field path), which
 * rule it broke, and the value received. Resolution collects every issue instead of stopping at the
 * first, the way KEDA joins its scaler errors.
 */
export interface Issue {
  /** Error code from the table in `errors.ts`. */
  readonly code: ErrorCode;
  /** The user's name for the place: `tensor-fusion.ai/vram-request`, `WorkloadProfile spec.gpuCount`. */
  readonly field: string;
  /** The rule, phrased to follow "must": `be a quantity like 4Gi`. */
  readonly rule: string;
  /** The value received, when there was one. */
  readonly received?: unknown;
}

/** Build an issue; `received` is left out when it is undefined. */
export function issue(code: ErrorCode, field: string, found: { readonly rule: string; readonly received?: unknown }): Issue {
  return found.received === undefined ? { code, field, rule: found.rule } : { code, field, rule: found.rule, received: found.received };
}

/** Render one issue as `<field> must <rule>, got <value>` (KEDA style: parameter, rule, received). */
export function formatIssue(found: Issue): string {
  const got = 'received' in found ? `, got ${JSON.stringify(found.received)}` : '';
  return `${found.field} must ${found.rule}${got}`;
}

/** An INVALID_INPUT issue: a value breaks its own rule. */
export const invalidInput = (field: string, rule: string, received?: unknown): Issue => issue('INVALID_INPUT', field, { rule, received });
/** A CONFLICTING_OPTIONS issue: two inputs that cannot both hold. */
export const conflictingOptions = (field: string, rule: string, received?: unknown): Issue => issue('CONFLICTING_OPTIONS', field, { rule, received });
/** A NOT_FOUND issue: the input names something that does not exist. */
export const notFound = (field: string, rule: string, received?: unknown): Issue => issue('NOT_FOUND', field, { rule, received });
