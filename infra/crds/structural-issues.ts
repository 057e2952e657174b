// A checker for Kubernetes' structural schema rules, so an invalid CRD fails here, not at `kubectl apply`.
// Rules: https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
// and the keyword list of apiextensions.k8s.io/v1 JSONSchemaProps (k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1/types_jsonschema.go).
import type { JsonSchema } from './to-structural-schema.ts';

/** Keywords a v1 CRD schema may use; `$ref`, `definitions`, `patternProperties` and friends are refused by the apiserver. */
const KEYWORDS = new Set([
  'description', 'type', 'format', 'title', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'multipleOf', 'enum', 'maxProperties',
  'minProperties', 'required', 'items', 'anyOf', 'properties', 'additionalProperties', 'example', 'nullable', 'externalDocs',
  'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys', 'x-kubernetes-list-type', 'x-kubernetes-map-type', 'x-kubernetes-validations',
]);
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

const isNode = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

function isIntOrStringAnyOf(node: JsonSchema): boolean {
  const anyOf = node['anyOf'];
  return node['x-kubernetes-int-or-string'] === true && Array.isArray(anyOf) && anyOf.length === 2
    && isNode(anyOf[0]) && anyOf[0]['type'] === 'integer' && Object.keys(anyOf[0]).length === 1
    && isNode(anyOf[1]) && anyOf[1]['type'] === 'string' && Object.keys(anyOf[1]).length === 1;
}

/** The rules `node` itself breaks, without looking at its children. */
function ownIssues(node: JsonSchema): string[] {
  const issues = Object.keys(node).filter((key) => !KEYWORDS.has(key)).map((key) => `keyword ${key} is not allowed in a CRD schema`);
  const exempt = node['x-kubernetes-int-or-string'] === true || node['x-kubernetes-preserve-unknown-fields'] === true;
  const type = node['type'];
  if (type === undefined && !exempt) issues.push('has no type');
  if (type !== undefined && !(typeof type === 'string' && TYPES.has(type))) issues.push(`type ${JSON.stringify(type)} is not one type name`);
  if (node['additionalProperties'] === false) issues.push('additionalProperties: false (leave it out; unknown fields are pruned)');
  if (node['additionalProperties'] !== undefined && node['properties'] !== undefined) issues.push('has both properties and additionalProperties');
  if (node['anyOf'] !== undefined && !isIntOrStringAnyOf(node)) issues.push('anyOf other than the int-or-string form');
  if (node['uniqueItems'] === true) issues.push('uniqueItems: true is refused by the apiserver');
  for (const key of ['exclusiveMinimum', 'exclusiveMaximum']) {
    if (node[key] !== undefined && typeof node[key] !== 'boolean') issues.push(`${key} must be a boolean in OpenAPI v3.0`);
  }
  return issues;
}

function children(node: JsonSchema): [string, JsonSchema][] {
  const found: [string, JsonSchema][] = [];
  const properties = node['properties'];
  if (isNode(properties)) {
    for (const [name, child] of Object.entries(properties)) if (isNode(child)) found.push([`properties.${name}`, child]);
  }
  if (isNode(node['items'])) found.push(['items', node['items']]);
  if (isNode(node['additionalProperties'])) found.push(['additionalProperties', node['additionalProperties']]);
  return found;
}

/**
 * Every structural-schema rule `schema` breaks, as `path: problem` lines (empty when the schema is
 * structural): each node has one type unless it is int-or-string or preserves unknown fields, no
 * `$ref`/`$defs`/`$schema`, no `additionalProperties: false`, and `anyOf` only as int-or-string.
 */
export function structuralIssues(schema: JsonSchema, path = 'openAPIV3Schema'): string[] {
  const own = ownIssues(schema).map((issue) => `${path}: ${issue}`);
  return [...own, ...children(schema).flatMap(([key, child]) => structuralIssues(child, `${path}.${key}`))];
}
