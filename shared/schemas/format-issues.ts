import type { z } from 'zod';
import { invalidInput, type Issue } from '../core/model/issue.ts';

/** Render a zod path with zod's dot-path rules: `spec.cronScalingRules[0].start`, `records["gpu-metrics-3"][12]`. */
export function dotPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) text += text.length === 0 ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

function ruleOf(found: z.core.$ZodIssue): string {
  switch (found.code) {
    case 'invalid_type':
      return found.message.startsWith('Invalid input') ? `be a ${found.expected}` : found.message;
    case 'invalid_union':
      return found.message.startsWith('Invalid input') ? 'be a string or a number' : found.message;
    case 'invalid_value':
      return found.message.startsWith('Invalid') ? `be one of ${found.values.map(String).join(', ')}` : found.message;
    default:
      return found.message;
  }
}

/**
 * Turn zod issues into readable {@link Issue}s: every issue (not the first), the path rendered in the
 * user's vocabulary by `place` (an annotation key, `WorkloadProfile p spec.qos`), the rule, the value
 * received; unknown fields become one issue each; sorted by path depth as zod's `prettifyError` does.
 */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[], place: (path: readonly PropertyKey[]) => string): Issue[] {
  const out: { depth: number; found: Issue }[] = [];
  for (const found of issues) {
    if (found.code === 'unrecognized_keys') {
      for (const key of found.keys) {
        out.push({ depth: found.path.length + 1, found: invalidInput(place([...found.path, key]), 'not be set: it is not a known field') });
      }
      continue;
    }
    out.push({ depth: found.path.length, found: invalidInput(place(found.path), ruleOf(found), found.input) });
  }
  return out.sort((a, b) => a.depth - b.depth).map((entry) => entry.found);
}
