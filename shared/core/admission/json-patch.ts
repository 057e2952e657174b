/** A JSON value, as an AdmissionReview carries objects. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * One RFC 6902 operation. The webhook answers with `add`, `remove` and `replace` only, the subset
 * every Kubernetes version applies (https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#response).
 */
export type JsonPatchOperation =
  | { readonly op: 'add' | 'replace'; readonly path: string; readonly value: JsonValue }
  | { readonly op: 'remove'; readonly path: string };

type JsonObject = { readonly [key: string]: JsonValue };

const isObject = (value: JsonValue): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON pointer segment, escaped per RFC 6901: `tensor-fusion.ai/qos` → `tensor-fusion.ai~1qos`. */
export const escapePointer = (segment: string): string =>
  (segment.includes('~') || segment.includes('/') ? segment.replaceAll('~', '~0').replaceAll('/', '~1') : segment);

/**
 * The JSON Patch that turns `before` into `after`: removals, additions and replacements at the
 * deepest changed path, array elements compared by index (appends become `add` at the end). Equal
 * documents give an empty patch, which is what makes a repeated admission a no-op. Subtrees shared by
 * reference are equal by construction and skipped.
 */
export function diffJson(before: JsonValue, after: JsonValue): JsonPatchOperation[] {
  const out: JsonPatchOperation[] = [];
  const objects = (from: JsonObject, to: JsonObject, path: string): void => {
    for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) out.push({ op: 'remove', path: `${path}/${escapePointer(key)}` });
    for (const [key, value] of Object.entries(to)) {
      if (!Object.hasOwn(from, key)) out.push({ op: 'add', path: `${path}/${escapePointer(key)}`, value });
      else if (from[key] !== value) walk(from[key] as JsonValue, value, `${path}/${escapePointer(key)}`);
    }
  };
  const arrays = (from: readonly JsonValue[], to: readonly JsonValue[], path: string): void => {
    const common = Math.min(from.length, to.length);
    for (let i = 0; i < common; i++) walk(from[i] as JsonValue, to[i] as JsonValue, `${path}/${i}`);
    for (let i = common; i < to.length; i++) out.push({ op: 'add', path: `${path}/${i}`, value: to[i] as JsonValue });
    for (let i = from.length - 1; i >= common; i--) out.push({ op: 'remove', path: `${path}/${i}` });
  };
  const walk = (from: JsonValue, to: JsonValue, path: string): void => {
    if (from === to) return;
    if (isObject(from) && isObject(to)) objects(from, to, path);
    else if (Array.isArray(from) && Array.isArray(to)) arrays(from, to, path);
    else out.push({ op: 'replace', path, value: to });
  };
  walk(before, after, '');
  return out;
}
