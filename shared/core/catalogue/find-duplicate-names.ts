import type { Issue } from '../model/issue.ts';
import { invalidInput } from '../model/issue.ts';
import { catalogueField } from './catalogue-field.ts';
import { normalizeGpuName } from './gpu-catalogue.ts';

type Named = readonly [path: readonly PropertyKey[], name: string];

/**
 * Names (model ids and aliases, compared the way lookup compares them) that two entries of raw
 * catalogue configuration share, one issue per later use. Lookups of such a name would depend on
 * entry order, which is a mistake in one file rather than an override. Works on the raw input, so it
 * reports alongside the schema's issues; values the schema rejects are skipped.
 */
export function findDuplicateNames(raw: unknown): Issue[] {
  const entries = isRecord(raw) ? raw['models'] : undefined;
  if (!Array.isArray(entries)) return [];
  const owners = new Map<string, number>();
  const found: Issue[] = [];
  entries.forEach((entry: unknown, at) => {
    for (const [path, name] of namesOf(entry)) {
      const key = normalizeGpuName(name);
      const owner = owners.get(key);
      if (owner === undefined) {
        owners.set(key, at);
      } else if (owner !== at) {
        const rule = `be a name no other entry uses (models[${owner}] has it)`;
        found.push(invalidInput(catalogueField(['models', at, ...path]), rule, name));
      }
    }
  });
  return found;
}

function namesOf(entry: unknown): Named[] {
  if (!isRecord(entry)) return [];
  const names: Named[] = typeof entry['model'] === 'string' ? [[['model'], entry['model']]] : [];
  const aliases: unknown[] = Array.isArray(entry['aliases']) ? entry['aliases'] : [];
  aliases.forEach((alias, at) => {
    if (typeof alias === 'string') names.push([['aliases', at], alias]);
  });
  return names.filter(([, name]) => normalizeGpuName(name) !== '');
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
