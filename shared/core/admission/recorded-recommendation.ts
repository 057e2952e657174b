import { ANNOTATION_KEYS as K, RECOMMENDED_RESOURCES_KEY } from '../../schemas/annotation-keys.ts';
import type { AutoscaleTarget } from '../../schemas/annotations.ts';
import { dotPath, formatZodIssues } from '../../schemas/format-issues.ts';
import { RECORDED_KEYS, recommendedResourcesSchema, type RecommendedResources } from '../../schemas/recommended-resources.ts';
import { invalidInput, type Issue } from '../model/issue.ts';

export type { RecommendedResources };

const COMPUTE_KEYS: ReadonlySet<string> = new Set([K.tflopsRequest, K.tflopsLimit, K.computePercentRequest, K.computePercentLimit]);

/** The entries of `annotations` that state the resources `target` names (`compute`: TFLOPS or percent keys, `vram`: VRAM keys, `all`: both). */
export function targetAnnotations(annotations: Readonly<Record<string, string>>, target: AutoscaleTarget): Record<string, string> {
  const wanted = (key: string): boolean => target === 'all' || (COMPUTE_KEYS.has(key) === (target === 'compute'));
  return Object.fromEntries(RECORDED_KEYS.filter((key) => annotations[key] !== undefined && wanted(key)).map((key) => [key, annotations[key] as string]));
}

/** The annotation value: JSON with the keys in a fixed order, so the same recommendation is always the same text. */
export function encodeRecommendation(recorded: RecommendedResources): string {
  const annotations = Object.fromEntries(RECORDED_KEYS.filter((key) => recorded.annotations[key] !== undefined).map((key) => [key, recorded.annotations[key]]));
  return JSON.stringify({ annotations, ...(recorded.template === undefined ? {} : { template: recorded.template }), appliedAt: recorded.appliedAt });
}

/** A recorded recommendation read back, or the issues that make it unusable (each naming the annotation and its field). */
type DecodedRecommendation = { readonly ok: true; readonly value: RecommendedResources } | { readonly ok: false; readonly issues: readonly Issue[] };

/** Parse the annotation's value; never throws. `where` names the object that carries it (`ReplicaSet ml/web-5d8f`). */
export function decodeRecommendation(text: string, where: string): DecodedRecommendation {
  const field = `annotation ${RECOMMENDED_RESOURCES_KEY} on ${where}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, issues: [invalidInput(field, 'be JSON', text)] };
  }
  const parsed = recommendedResourcesSchema.safeParse(json, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: formatZodIssues(parsed.error.issues, (path) => (path.length === 0 ? field : `${field} ${dotPath(path)}`)) };
}

/** Whether two records state the same values for the same template (when they were written aside). */
export function sameRecommendation(a: RecommendedResources, b: RecommendedResources): boolean {
  return a.template === b.template && RECORDED_KEYS.every((key) => a.annotations[key] === b.annotations[key]);
}
