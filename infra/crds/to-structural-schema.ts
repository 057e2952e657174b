import { DECIMAL } from '../../shared/schemas/scalar-fields.ts';
// Converts a zod schema into the structural OpenAPI v3 schema a CustomResourceDefinition needs.
// Rules: https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
import { z } from 'zod';
import { QUANTITY_PATTERN } from '../../shared/schemas/quantity-fields.ts';

/** One node of an OpenAPI v3 schema, as it goes into `openAPIV3Schema`. */
export type JsonSchema = Record<string, unknown>;

/**
 * What `decimalField` (shared/schemas/scalar-fields.ts) accepts as text. The apiserver would reject a
 * bare YAML decimal under `x-kubernetes-int-or-string`, so these fields are strings in the CRD.
 */
export const DECIMAL_PATTERN = DECIMAL.source;

/** Metadata keys our schemas set for this generator; never copied into the CRD. */
const MARKERS = ['quantity', 'decimalString', 'preserveUnknownFields'] as const;
const CHILD_MAPS = ['properties'] as const;
const CHILD_NODES = ['items', 'additionalProperties'] as const;

function kept(original: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  if (original['description'] !== undefined) out['description'] = original['description'];
  if (original['default'] !== undefined) out['default'] = original['default'];
  return out;
}

function decimalDescription(description: unknown): string {
  const what = typeof description === 'string' ? description.replace(/, as a string or number$/, '') : 'A decimal';
  return `${what}, as a quoted decimal like "0.95", as TensorFusion writes it (the API server rejects unquoted numbers)`;
}

/** The Kubernetes form of a field our schemas mark with metadata, or undefined for an unmarked one. */
function markedForm(meta: Record<string, unknown>, original: JsonSchema): JsonSchema | undefined {
  if (meta['quantity'] === true) {
    return { ...kept(original), 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: QUANTITY_PATTERN };
  }
  if (meta['decimalString'] === true) {
    return { ...kept(original), description: decimalDescription(original['description']), type: 'string', pattern: DECIMAL_PATTERN };
  }
  if (meta['preserveUnknownFields'] === true) {
    return { ...kept(original), type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
  return undefined;
}

function applyMarkers(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const meta = z.globalRegistry.get(ctx.zodSchema as z.ZodType);
  const form = meta === undefined ? undefined : markedForm(meta, ctx.jsonSchema);
  if (form !== undefined) {
    for (const key of Object.keys(ctx.jsonSchema)) Reflect.deleteProperty(ctx.jsonSchema, key);
    Object.assign(ctx.jsonSchema, form);
  }
  for (const key of MARKERS) Reflect.deleteProperty(ctx.jsonSchema, key);
}

const isNode = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Fix what zod's OpenAPI output and a structural schema disagree on, in place: a closed object
 * (`additionalProperties: false`) is simply an object with properties; an open one (`z.looseObject`,
 * whose unknown keys zod keeps) preserves unknown fields, or the apiserver would prune them; the
 * ±2^53 bounds of `.int()` are a JavaScript artefact, not a rule of the field.
 */
function tidy(node: JsonSchema): void {
  if (node['additionalProperties'] === false) delete node['additionalProperties'];
  const open = node['additionalProperties'] === true || (isNode(node['additionalProperties']) && Object.keys(node['additionalProperties']).length === 0);
  if (open) {
    delete node['additionalProperties'];
    node['x-kubernetes-preserve-unknown-fields'] = true;
  }
  if (isNode(node['properties']) && Object.keys(node['properties']).length === 0) delete node['properties'];
  if (node['maximum'] === Number.MAX_SAFE_INTEGER) delete node['maximum'];
  if (node['minimum'] === Number.MIN_SAFE_INTEGER) delete node['minimum'];
}

function tidyTree(node: JsonSchema): void {
  tidy(node);
  for (const key of CHILD_MAPS) {
    const children = node[key];
    if (isNode(children)) Object.values(children).filter(isNode).forEach(tidyTree);
  }
  for (const key of CHILD_NODES) {
    const child = node[key];
    if (isNode(child)) tidyTree(child);
  }
}

/**
 * The structural OpenAPI v3 schema of the *input* of `schema` (what a user writes in a manifest).
 * Fields marked `quantity` become int-or-string with Kubernetes' quantity pattern, `decimalString`
 * fields quoted decimals, and `preserveUnknownFields` (or any `z.looseObject`) keep unknown content.
 * Recursive schemas throw: a structural schema cannot hold a `$ref`.
 */
export function toStructuralSchema(schema: z.ZodType): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
    cycles: 'throw',
    reused: 'inline',
    override: applyMarkers,
  }) as JsonSchema;
  delete converted['$schema'];
  tidyTree(converted);
  return converted;
}
