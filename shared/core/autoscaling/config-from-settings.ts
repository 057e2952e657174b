import type { z } from 'zod';
import { invalidInput, type Issue } from '../model/issue.ts';

/** A resolved configuration, or every issue found in the settings. */
export type ConfigResult<T> = { readonly ok: true; readonly config: T } | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Merge a workload's settings (`ResolvedAutoScaling` maps: current field names, numbers, durations in ms)
 * over a schema's defaults. The schema is the one place each default lives (STYLE §7 rule 7); fields it
 * does not know are ignored. Every issue is reported, named `<field>.<setting>`.
 */
export function configFromSettings<S extends z.ZodType>(schema: S, settings: Readonly<Record<string, number>>, field: string): ConfigResult<z.output<S>> {
  const parsed = schema.safeParse(settings);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((found) => {
      const name = found.path.join('.');
      return invalidInput(`${field}.${name}`, found.message, settings[name]);
    }),
  };
}
