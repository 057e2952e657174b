import { DOMAIN, ENABLED_LABEL, SYSTEM_KEYS, UNSUPPORTED_KEYS, ANNOTATION_KEYS } from '../../schemas/annotation-keys.ts';
import { invalidInput, type Issue } from '../model/issue.ts';
import { suggest } from '../model/suggest.ts';

const KNOWN: ReadonlySet<string> = new Set(Object.values(ANNOTATION_KEYS));

/**
 * Warnings for `tensor-fusion.ai/*` annotations vgpu-control does not know (with a "did you mean"
 * when one is close), and notes for TensorFusion keys it accepts but does not act on. System keys
 * written by the control plane itself pass silently.
 */
export function checkKeys(annotations: Readonly<Record<string, string>>): Issue[] {
  const warnings: Issue[] = [];
  for (const key in annotations) {
    if (!key.startsWith(DOMAIN) || KNOWN.has(key) || SYSTEM_KEYS.has(key)) continue;
    if (UNSUPPORTED_KEYS.has(key)) {
      warnings.push(invalidInput(key, 'be a key vgpu-control acts on: this TensorFusion feature is not implemented, the key is ignored'));
      continue;
    }
    const close = suggest(key, KNOWN);
    warnings.push(invalidInput(key, `be a known tensor-fusion.ai annotation${close === undefined ? '' : ` (did you mean ${close}?)`}; it is ignored`, annotations[key]));
  }
  return warnings;
}

/** The opt-in label: true, false, or an issue for any other value. */
export function checkEnabled(labels: Readonly<Record<string, string>> | undefined, issues: Issue[]): boolean {
  const value = labels?.[ENABLED_LABEL];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  issues.push(invalidInput(`label ${ENABLED_LABEL}`, 'be "true" or "false"', value));
  return false;
}
