import { z } from 'zod';
import type { Issue } from '../model/issue.ts';
import { invalidInput } from '../model/issue.ts';
import type { GpuCatalogue } from './gpu-catalogue.ts';
import { createGpuCatalogue } from './gpu-catalogue.ts';
import type { GpuModelSpec } from './gpu-model.ts';
import { catalogueField } from './catalogue-field.ts';
import { findDuplicateNames } from './find-duplicate-names.ts';
import type { AmountResult } from './parse-tflops-milli.ts';
import { parseTflopsMilli, TFLOPS_RULES } from './parse-tflops-milli.ts';
import { parseVramBytes, VRAM_RULES } from './parse-vram-bytes.ts';

/** Vendor of an entry that names none: the catalogue TensorFusion ships is mostly NVIDIA. */
const DEFAULT_VENDOR = 'NVIDIA';

const objectRule = (shape: string, keys: string) => (found: { readonly code?: string }) =>
  found.code === 'unrecognized_keys' ? `have only the keys ${keys}` : `be ${shape}`;

const name = (rule: string) => z.string({ error: rule }).trim().min(1, { error: `${rule}, not empty` });

const amount = (rule: string, convert: (value: number | string) => AmountResult) =>
  z.union([z.number(), z.string()], { error: rule }).transform((value, ctx) => {
    const converted = convert(value);
    if (converted.ok) return converted.value;
    ctx.issues.push({ code: 'custom', message: converted.rule, input: value });
    return z.NEVER;
  });

/** One GPU model in a catalogue file; it becomes a {@link GpuModelSpec}. */
export const gpuModelEntrySchema = z
  .strictObject(
    {
      model: name('be a model id like A100_SXM_80G'),
      vendor: name('be a vendor name like NVIDIA').default(DEFAULT_VENDOR),
      fp16Tflops: amount(TFLOPS_RULES.syntax, parseTflopsMilli),
      vram: amount(VRAM_RULES.syntax, parseVramBytes),
      aliases: z.array(name('be a GPU name like "NVIDIA A100-SXM4-80GB"'), { error: 'be a list of names' }).default([]),
    },
    { error: objectRule('a GPU model like { model: G2, fp16Tflops: 125, vram: 32Gi }', 'model, vendor, fp16Tflops, vram, aliases') },
  )
  .transform((entry): GpuModelSpec => ({
    model: entry.model,
    vendor: entry.vendor,
    fp16TflopsMilli: entry.fp16Tflops,
    vramBytes: entry.vram,
    aliases: entry.aliases,
  }));

/**
 * Catalogue configuration, as ops write it in YAML or JSON: the models the built-ins lack (the openb
 * trace's undisclosed G2 and G3) or whose figures should differ.
 */
export const catalogueConfigSchema = z.strictObject(
  { models: z.array(gpuModelEntrySchema, { error: 'be a list of GPU models' }) },
  { error: objectRule('an object like { models: [...] }', 'models') },
);

/** Outcome of {@link parseCatalogueConfig}: the models, or every problem found. */
export type CatalogueConfigResult =
  | { readonly ok: true; readonly models: GpuModelSpec[] }
  | { readonly ok: false; readonly issues: Issue[] };

/**
 * Check catalogue configuration and convert it to model specs. Every bad entry is reported at once,
 * each issue naming its place (`catalogue models[2].vram`), the rule, and the value received; a name
 * used by two entries is reported too, since which one a lookup returned would hang on their order.
 */
export function parseCatalogueConfig(raw: unknown): CatalogueConfigResult {
  const parsed = catalogueConfigSchema.safeParse(raw);
  const schemaIssues = parsed.success ? [] : parsed.error.issues.map((found) => toIssue(found, raw));
  const issues = [...schemaIssues, ...findDuplicateNames(raw)];
  if (parsed.success && issues.length === 0) return { ok: true, models: parsed.data.models };
  return { ok: false, issues };
}

/**
 * A catalogue holding `base`'s models then `models`: an entry with a model id `base` has replaces it,
 * and its aliases win over `base`'s. The way configuration extends {@link builtinCatalogue}.
 */
export function extendCatalogue(base: GpuCatalogue, models: readonly GpuModelSpec[]): GpuCatalogue {
  return createGpuCatalogue([...base.models(), ...models]);
}

function toIssue(found: z.core.$ZodIssue, raw: unknown): Issue {
  const received = found.code === 'unrecognized_keys' ? found.keys : valueAt(raw, found.path);
  return invalidInput(catalogueField(found.path), found.message, received);
}

// Zod only reports paths that exist in the input, so each step lands on an object; `Object()` keeps the
// walk total (a primitive or null yields undefined) without a branch that could never run.
function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((current, key) => (Object(current) as Record<PropertyKey, unknown>)[key], raw);
}
