import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssue } from '../core/model/issue.ts';
import { annotationsSchema } from './annotations.ts';
import { dotPath, formatZodIssues } from './format-issues.ts';
import { countField } from './scalar-fields.ts';

/** The raw zod issues of a parse that must fail. */
function zodIssues(schema: z.ZodType, input: unknown, reportInput = true): z.core.$ZodIssue[] {
  const result = schema.safeParse(input, { reportInput });
  expect(result.success).toBe(false);
  return result.error?.issues ?? [];
}

describe('Function: dotPath()', () => {
  it.each([
    { name: 'empty path', path: [], expected: '' },
    { name: 'one key', path: ['spec'], expected: 'spec' },
    { name: 'nested keys and an index', path: ['a', 'b', 0], expected: 'a.b[0]' },
    { name: 'rule in a list', path: ['spec', 'cronScalingRules', 0, 'start'], expected: 'spec.cronScalingRules[0].start' },
    { name: 'index first', path: [0, 'a'], expected: '[0].a' },
    { name: 'consecutive indices', path: ['m', 1, 2], expected: 'm[1][2]' },
    { name: 'Kafka location with a dash key', path: ['records', 'gpu-metrics-3', 12, 'value', 'gpuUuid'], expected: 'records["gpu-metrics-3"][12].value.gpuUuid' },
    { name: 'annotation key alone', path: ['tensor-fusion.ai/x'], expected: '["tensor-fusion.ai/x"]' },
    { name: 'annotation key under metadata', path: ['metadata', 'annotations', 'tensor-fusion.ai/qos'], expected: 'metadata.annotations["tensor-fusion.ai/qos"]' },
    { name: 'identifier with $ and _', path: ['$ref', '_x1'], expected: '$ref._x1' },
    { name: 'key starting with a digit', path: ['1a'], expected: '["1a"]' },
    { name: 'empty key', path: ['a', ''], expected: 'a[""]' },
    { name: 'key with a space', path: ['a b'], expected: '["a b"]' },
    { name: 'key with a quote is escaped', path: ['a"b'], expected: '["a\\"b"]' },
    { name: 'key with a dot', path: ['x', 'a.b'], expected: 'x["a.b"]' },
    { name: 'symbol key', path: [Symbol('s')], expected: '["Symbol(s)"]' },
  ])('$name', ({ path, expected }) => {
    expect(dotPath(path)).toBe(expected);
  });
});

describe('Function: formatZodIssues()', () => {
  it.each([
    {
      name: 'invalid_type with the default message becomes "be a <type>"',
      schema: z.object({ a: z.string() }), input: { a: 1 },
      expected: { code: 'INVALID_INPUT', field: 'a', rule: 'be a string', received: 1 },
    },
    {
      name: 'invalid_type of a missing field has no received value',
      schema: z.object({ a: z.number() }), input: {},
      expected: { code: 'INVALID_INPUT', field: 'a', rule: 'be a number' },
    },
    {
      name: 'invalid_type with a custom message keeps it',
      schema: z.object({ n: countField }), input: { n: '1' },
      expected: { code: 'INVALID_INPUT', field: 'n', rule: 'be a whole number', received: '1' },
    },
    {
      name: 'invalid_union with the default message',
      schema: z.object({ q: z.union([z.string(), z.number()]) }), input: { q: true },
      expected: { code: 'INVALID_INPUT', field: 'q', rule: 'be a string or a number', received: true },
    },
    {
      name: 'invalid_union with a custom message keeps it',
      schema: z.object({ q: z.union([z.string(), z.number()], { error: 'be a quantity' }) }), input: { q: true },
      expected: { code: 'INVALID_INPUT', field: 'q', rule: 'be a quantity', received: true },
    },
    {
      name: 'invalid_value of an enum lists the values',
      schema: z.object({ e: z.enum(['low', 'high']) }), input: { e: 'mid' },
      expected: { code: 'INVALID_INPUT', field: 'e', rule: 'be one of low, high', received: 'mid' },
    },
    {
      name: 'invalid_value of a literal lists the value',
      schema: z.object({ v: z.literal('tensor-fusion.ai/v1') }), input: { v: 'v1' },
      expected: { code: 'INVALID_INPUT', field: 'v', rule: 'be one of tensor-fusion.ai/v1', received: 'v1' },
    },
    {
      name: 'invalid_value of a number literal renders it as text',
      schema: z.object({ v: z.literal(1) }), input: { v: 2 },
      expected: { code: 'INVALID_INPUT', field: 'v', rule: 'be one of 1', received: 2 },
    },
    {
      name: 'invalid_value with a custom message keeps it',
      schema: z.object({ kind: z.literal('GPUPool', { error: 'be GPUPool' }) }), input: { kind: 'Pod' },
      expected: { code: 'INVALID_INPUT', field: 'kind', rule: 'be GPUPool', received: 'Pod' },
    },
    {
      name: 'custom issue keeps its rule',
      schema: annotationsSchema, input: { 'tensor-fusion.ai/vram-request': '4GB' },
      expected: {
        code: 'INVALID_INPUT', field: '["tensor-fusion.ai/vram-request"]',
        rule: 'be a byte quantity like 4Gi or 512Mi (Kubernetes quantity; use Gi, not GB)', received: '4GB',
      },
    },
    {
      name: 'other codes keep zod\'s message',
      schema: z.object({ s: z.string().min(3) }), input: { s: 'ab' },
      expected: { code: 'INVALID_INPUT', field: 's', rule: 'Too small: expected string to have >=3 characters', received: 'ab' },
    },
  ])('$name', ({ schema, input, expected }) => {
    expect(formatZodIssues(zodIssues(schema, input), dotPath)).toStrictEqual([expected]);
  });

  it('turns unrecognized_keys into one issue per key, without a received value', () => {
    const schema = z.strictObject({ spec: z.strictObject({ a: z.string().optional() }) });
    expect(formatZodIssues(zodIssues(schema, { spec: { b: 1, 'c-d': 2 } }), dotPath)).toStrictEqual([
      { code: 'INVALID_INPUT', field: 'spec.b', rule: 'not be set: it is not a known field' },
      { code: 'INVALID_INPUT', field: 'spec["c-d"]', rule: 'not be set: it is not a known field' },
    ]);
  });

  it('leaves received out when the parse did not report inputs', () => {
    const found = formatZodIssues(zodIssues(z.object({ a: z.string() }), { a: 1 }, false), dotPath);
    expect(found).toStrictEqual([{ code: 'INVALID_INPUT', field: 'a', rule: 'be a string' }]);
    expect('received' in (found[0] ?? {})).toBe(false);
  });

  it('sorts by path depth, keeping zod\'s order within a depth', () => {
    const schema = z.strictObject({
      deep: z.object({ deeper: z.object({ x: z.string() }) }),
      top: z.string(),
      mid: z.object({ y: z.number() }),
      other: z.string(),
    });
    const found = formatZodIssues(zodIssues(schema, { deep: { deeper: { x: 1 } }, top: 1, mid: { y: 'n' }, other: 2, extra: 0 }), dotPath);
    expect(found.map((entry) => entry.field)).toStrictEqual(['top', 'other', 'extra', 'mid.y', 'deep.deeper.x']);
  });

  it('counts an unknown key one level below the object that holds it', () => {
    const schema = z.object({ a: z.strictObject({}), b: z.object({ c: z.string() }), d: z.string() });
    const found = formatZodIssues(zodIssues(schema, { a: { k: 1 }, b: { c: 1 }, d: 1 }), dotPath);
    expect(found.map((entry) => entry.field)).toStrictEqual(['d', 'a.k', 'b.c']);
  });

  it('reports every annotation issue, placed with the caller\'s vocabulary', () => {
    const raw = { 'tensor-fusion.ai/gpu-count': '0', 'tensor-fusion.ai/qos': 'urgent' };
    const found = formatZodIssues(zodIssues(annotationsSchema, raw), (path) => `annotation ${String(path[0])}`);
    expect(found.map(formatIssue).sort()).toStrictEqual([
      'annotation tensor-fusion.ai/gpu-count must be a whole number from 1 to 128, got "0"',
      'annotation tensor-fusion.ai/qos must be one of low, medium, high, critical, got "urgent"',
    ]);
  });

  it('passes the full zod path to place, with the unknown key appended', () => {
    const seen: PropertyKey[][] = [];
    const schema = z.object({ spec: z.strictObject({ rules: z.array(z.object({ start: z.string() })) }) });
    formatZodIssues(zodIssues(schema, { spec: { rules: [{ start: 1 }], x: 0 } }), (path) => { seen.push([...path]); return ''; });
    expect(seen).toHaveLength(2);
    expect(seen).toContainEqual(['spec', 'x']);
    expect(seen).toContainEqual(['spec', 'rules', 0, 'start']);
  });

  it('returns nothing for no issues', () => {
    expect(formatZodIssues([], dotPath)).toStrictEqual([]);
  });
});
