import { annotationsSchema, type ParsedAnnotations } from '../../schemas/annotations.ts';
import { formatZodIssues } from '../../schemas/format-issues.ts';
import type { Issue } from '../model/issue.ts';

/**
 * Parse every known annotation with its schema, reporting each bad value (key, rule, value). Values
 * that parse are kept even when others fail, so later steps can still report their own issues; the
 * keys that failed are returned so those steps treat them as present but unusable.
 */
export function parseAnnotations(raw: Readonly<Record<string, string>>, issues: Issue[]): { parsed: ParsedAnnotations; failedKeys: ReadonlySet<string> } {
  const first = annotationsSchema.safeParse(raw, { reportInput: true });
  if (first.success) return { parsed: first.data, failedKeys: new Set() };
  issues.push(...formatZodIssues(first.error.issues, (path) => String(path[0])));
  const failedKeys = new Set(first.error.issues.map((found) => String(found.path[0])));
  const rest: Record<string, string> = {};
  for (const key in raw) {
    if (!failedKeys.has(key)) rest[key] = raw[key] as string;
  }
  const second = annotationsSchema.safeParse(rest);
  /* v8 ignore next -- keys are parsed independently, so once the failing keys are removed the rest always parses; kept total rather than throwing */
  return { parsed: second.success ? second.data : {}, failedKeys };
}
