import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseAmount, QUANTITY_PATTERN } from '../../shared/schemas/quantity-fields.ts';
import { decimalField } from '../../shared/schemas/scalar-fields.ts';
import type { CustomResourceDefinition } from './definitions.ts';
import { CRDS, gpuPoolCrd, workloadProfileCrd } from './definitions.ts';
import { HEADER, renderCrds, writeCrds } from './generate.ts';
import { structuralIssues } from './structural-issues.ts';
import type { JsonSchema } from './to-structural-schema.ts';
import { DECIMAL_PATTERN, toStructuralSchema } from './to-structural-schema.ts';

const FOLDER = import.meta.dirname;
const rendered = renderCrds();
const INT_OR_STRING = { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: QUANTITY_PATTERN };

function schemaOf(crd: CustomResourceDefinition): JsonSchema {
  const version = crd.spec.versions[0];
  if (version === undefined) throw new Error(`${crd.metadata.name} has no version`);
  return version.schema.openAPIV3Schema;
}

/** The node at `names`, following `properties` from `node`. */
function at(node: JsonSchema, ...names: string[]): JsonSchema {
  return names.reduce<JsonSchema>((parent, name) => {
    const child = (parent['properties'] as Record<string, JsonSchema> | undefined)?.[name];
    if (child === undefined) throw new Error(`no property ${name} (path ${names.join('.')})`);
    return child;
  }, node);
}

const wpSpec = at(schemaOf(workloadProfileCrd), 'spec');
const poolSpec = at(schemaOf(gpuPoolCrd), 'spec');

describe('Generator: CRD YAML files', () => {
  it('renders one file per CRD, named <plural>.<group>.yaml', () => {
    expect(Object.keys(rendered)).toEqual(['workloadprofiles.tensor-fusion.ai.yaml', 'gpupools.tensor-fusion.ai.yaml']);
  });

  it.each(Object.entries(rendered).map(([name, text]) => ({ name, text })))('$name on disk is what renderCrds() gives', ({ name, text }) => {
    const path = join(FOLDER, name);
    const onDisk = existsSync(path) ? readFileSync(path, 'utf8') : '(missing)';
    expect(onDisk, 'CRD YAML is stale: run npm run crds').toBe(text);
  });

  it('leaves no generated file on disk that is no longer rendered', () => {
    const generated = readdirSync(FOLDER).filter((file) => file.endsWith('.yaml'));
    expect(generated.sort(), 'CRD YAML is stale: run npm run crds').toEqual(Object.keys(rendered).sort());
  });

  it.each(Object.entries(rendered).map(([name, text], index) => ({ name, text, crd: CRDS[index] })))(
    '$name starts with the header and parses back to its definition', ({ text, crd }) => {
      expect(text.split('\n')[0]).toBe(HEADER);
      expect(parse(text)).toEqual(crd);
    });

  it('writeCrds() writes the rendered text', () => {
    const folder = mkdtempSync(join(tmpdir(), 'crds-'));
    try {
      const written = writeCrds(folder);
      expect(written.map((path) => readFileSync(path, 'utf8'))).toEqual(Object.values(rendered));
    } finally {
      rmSync(folder, { recursive: true });
    }
  });
});

describe('Function: structuralIssues()', () => {
  it.each(CRDS.map((crd) => ({ name: crd.metadata.name, crd })))('$name is a structural schema', ({ crd }) => {
    expect(structuralIssues(schemaOf(crd))).toEqual([]);
  });

  it.each<{ name: string; schema: JsonSchema; issue: string }>([
    { name: 'node without type', schema: { type: 'object', properties: { a: { description: 'x' } } }, issue: 'openAPIV3Schema.properties.a: has no type' },
    { name: 'type list', schema: { type: ['string', 'number'] }, issue: 'openAPIV3Schema: type ["string","number"] is not one type name' },
    { name: '$ref', schema: { type: 'object', properties: { a: { type: 'object', $ref: '#/$defs/A' } } }, issue: 'properties.a: keyword $ref is not allowed' },
    { name: '$defs', schema: { type: 'object', $defs: { A: { type: 'string' } } }, issue: 'openAPIV3Schema: keyword $defs is not allowed' },
    { name: '$schema', schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' }, issue: 'keyword $schema is not allowed' },
    { name: 'closed object', schema: { type: 'object', additionalProperties: false }, issue: 'additionalProperties: false' },
    { name: 'map with properties', schema: { type: 'object', properties: {}, additionalProperties: { type: 'string' } }, issue: 'has both properties and additionalProperties' },
    { name: 'union of types', schema: { type: 'string', anyOf: [{ type: 'string' }, { type: 'number' }] }, issue: 'anyOf other than the int-or-string form' },
    { name: 'int-or-string with number', schema: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'number' }, { type: 'string' }] }, issue: 'anyOf other than' },
    { name: 'draft-2020 exclusiveMinimum', schema: { type: 'number', exclusiveMinimum: 0 }, issue: 'exclusiveMinimum must be a boolean' },
    { name: 'const', schema: { type: 'string', const: 'x' }, issue: 'keyword const is not allowed' },
    { name: 'leftover marker', schema: { type: 'string', quantity: true }, issue: 'keyword quantity is not allowed' },
    { name: 'deep in items', schema: { type: 'array', items: { type: 'object', properties: { b: {} } } }, issue: 'openAPIV3Schema.items.properties.b: has no type' },
  ])('flags $name', ({ schema, issue }) => {
    expect(structuralIssues(schema)).toEqual([expect.stringContaining(issue)]);
  });

  it('accepts the int-or-string and preserve-unknown-fields forms without a type', () => {
    const schema = { type: 'object', properties: { q: INT_OR_STRING, raw: { 'x-kubernetes-preserve-unknown-fields': true } } };
    expect(structuralIssues(schema)).toEqual([]);
  });
});

describe('Function: toStructuralSchema()', () => {
  it.each<{ name: string; schema: z.ZodType; expected: JsonSchema }>([
    { name: 'loose object keeps unknown fields', schema: z.looseObject({}), expected: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    { name: 'strict object drops additionalProperties', schema: z.strictObject({ a: z.string() }), expected: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } },
    { name: 'record becomes a map', schema: z.record(z.string(), z.number()), expected: { type: 'object', additionalProperties: { type: 'number' } } },
    { name: 'int loses the ±2^53 bounds', schema: z.int().min(0), expected: { type: 'integer', minimum: 0 } },
    { name: 'positive is an OpenAPI 3.0 exclusive minimum', schema: z.number().positive(), expected: { type: 'number', minimum: 0, exclusiveMinimum: true } },
    { name: 'literal is a one-value enum', schema: z.literal('x'), expected: { type: 'string', enum: ['x'] } },
    { name: 'default is kept', schema: z.enum(['a', 'b']).default('a'), expected: { type: 'string', enum: ['a', 'b'], default: 'a' } },
  ])('$name', ({ schema, expected }) => {
    expect(toStructuralSchema(schema)).toEqual(expected);
  });

  it('refuses a recursive schema (a structural schema cannot hold a $ref)', () => {
    const node: z.ZodType = z.strictObject({ get children() { return z.array(node).optional(); } });
    expect(() => toStructuralSchema(node)).toThrow(/cycle/i);
  });

  it.each<{ name: string; path: string[] }>([
    { name: 'requests.vram', path: ['resources', 'requests', 'vram'] },
    { name: 'limits.tflops', path: ['resources', 'limits', 'tflops'] },
    { name: 'cron desiredResources.requests.compute', path: ['autoScalingConfig', 'cronScalingRules'] },
  ])('makes quantity $name int-or-string with the quantity pattern', ({ path }) => {
    const node = path[1] === 'cronScalingRules'
      ? at((at(wpSpec, ...path)['items'] as JsonSchema), 'desiredResources', 'requests', 'compute')
      : at(wpSpec, ...path);
    expect(node).toEqual({ ...INT_OR_STRING, description: expect.stringContaining('Kubernetes quantity') });
  });

  it('keeps gpuCount within 1 to 128 and qos to the four levels', () => {
    expect(at(wpSpec, 'gpuCount')).toMatchObject({ type: 'integer', minimum: 1, maximum: 128 });
    expect(at(wpSpec, 'qos')).toMatchObject({ type: 'string', enum: ['low', 'medium', 'high', 'critical'] });
    expect(at(poolSpec, 'qosConfig', 'defaultQoS')).toMatchObject({ enum: ['low', 'medium', 'high', 'critical'] });
  });

  it('lists current and v1 autoSetResources field names, decimals as quoted strings', () => {
    const autoSet = at(wpSpec, 'autoScalingConfig', 'autoSetResources');
    expect(Object.keys(autoSet['properties'] as object)).toEqual(expect.arrayContaining(['targetComputePercentile', 'targettflopspercentile']));
    expect(at(autoSet, 'targetComputePercentile')).toMatchObject({ type: 'string', pattern: DECIMAL_PATTERN, description: expect.stringContaining('quoted') });
    expect(at(autoSet, 'historyDataPeriod')).toMatchObject({ type: 'string', pattern: expect.stringContaining('h|m|s|ms') });
  });

  it.each<{ name: string; node: () => JsonSchema }>([
    { name: 'WorkloadProfile nodeAffinity', node: () => at(wpSpec, 'nodeAffinity') },
    { name: 'WorkloadProfile workerPodTemplate', node: () => at(wpSpec, 'workerPodTemplate') },
    { name: 'WorkloadProfile autoSetLimits (a loose object)', node: () => at(wpSpec, 'autoScalingConfig', 'autoSetLimits') },
    { name: 'GPUPool nodeSelector', node: () => at(poolSpec, 'nodeManagerConfig', 'nodeSelector') },
    { name: 'status', node: () => at(schemaOf(gpuPoolCrd), 'status') },
  ])('keeps unknown fields of $name', ({ node }) => {
    expect(node()).toMatchObject({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    expect(node()).not.toHaveProperty('properties');
  });

  it('carries the placement default', () => {
    expect(at(poolSpec, 'placement', 'mode')).toMatchObject({ type: 'string', default: 'FragmentationAware' });
  });
});

describe('CRD: names, scope and printer columns', () => {
  it.each([
    { name: 'WorkloadProfile', crd: workloadProfileCrd, plural: 'workloadprofiles', scope: 'Namespaced', shortNames: ['wp', 'wlp'],
      columns: ['QoS .spec.qos string', 'Pool .spec.poolName string', 'GPUs .spec.gpuCount integer', 'Model .spec.gpuModel string',
        'Local .spec.isLocalGPU boolean', 'Age .metadata.creationTimestamp date'] },
    { name: 'GPUPool', crd: gpuPoolCrd, plural: 'gpupools', scope: 'Cluster', shortNames: ['gpool'],
      columns: ['Default .spec.isDefault boolean', 'Local .spec.defaultUsingLocalGPU boolean', 'QoS .spec.qosConfig.defaultQoS string',
        'Placement .spec.placement.mode string', 'Age .metadata.creationTimestamp date'] },
  ])('$name', ({ name, crd, plural, scope, shortNames, columns }) => {
    expect(crd.metadata.name).toBe(`${plural}.tensor-fusion.ai`);
    expect(crd.spec).toMatchObject({ group: 'tensor-fusion.ai', scope, names: { kind: name, plural, singular: name.toLowerCase(), shortNames, categories: ['tensor-fusion'] } });
    const version = crd.spec.versions[0];
    expect(version).toMatchObject({ name: 'v1', served: true, storage: true, subresources: { status: {} } });
    expect(version?.additionalPrinterColumns.map((c) => `${c.name} ${c.jsonPath} ${c.type}`)).toEqual(columns);
  });
});

describe('Pattern: the CRD agrees with our parsers', () => {
  it.each<{ name: string; text: string; pattern: boolean; parser: boolean }>([
    { name: 'binary suffix', text: '4Gi', pattern: true, parser: true },
    { name: 'milli', text: '500m', pattern: true, parser: true },
    { name: 'plain integer', text: '10', pattern: true, parser: true },
    { name: 'decimal exponent', text: '1e3', pattern: true, parser: true },
    { name: 'decimal fraction', text: '2.5', pattern: true, parser: true },
    { name: 'SI-style GB (TensorFusion silently drops it)', text: '4GB', pattern: false, parser: false },
    { name: 'empty', text: '', pattern: false, parser: false },
    { name: 'negative: a quantity, but not an amount', text: '-1', pattern: true, parser: false },
  ])('QUANTITY_PATTERN and parseAmount on $name', ({ text, pattern, parser }) => {
    expect(new RegExp(QUANTITY_PATTERN).test(text)).toBe(pattern);
    expect(parseAmount(text, 'tflops').ok).toBe(parser);
  });

  it.each<{ name: string; text: string; valid: boolean }>([
    { name: 'fraction', text: '0.95', valid: true },
    { name: 'whole', text: '5', valid: true },
    { name: 'leading dot', text: '.5', valid: false },
    { name: 'trailing dot', text: '1.', valid: false },
    { name: 'exponent', text: '1e-1', valid: false },
    { name: 'negative', text: '-0.1', valid: false },
  ])('DECIMAL_PATTERN and decimalField on $name', ({ text, valid }) => {
    expect(new RegExp(DECIMAL_PATTERN).test(text)).toBe(valid);
    expect(decimalField(0, 1000, 'ratio').safeParse(text).success).toBe(valid);
  });
});
