import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  booleanText, checkedText, DNS_LABEL, DNS_SUBDOMAIN, enumText, isContainerName, isIndex, isModelName, listText,
  objectNameText, splitList, wholeText,
} from './text-fields.ts';

/** The issues of a parse that must fail, with the input reported. */
function issuesOf(schema: z.ZodType, input: unknown): readonly z.core.$ZodIssue[] {
  const result = schema.safeParse(input, { reportInput: true });
  expect(result.success).toBe(false);
  return result.error?.issues ?? [];
}

/** Expect exactly one custom issue at the root carrying `rule` and the received `input`. */
function expectRule(schema: z.ZodType, input: unknown, rule: string): void {
  const issues = issuesOf(schema, input);
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({ code: 'custom', path: [], input });
  expect(issues[0]?.message).toContain(rule);
}

describe('Function: checkedText()', () => {
  const upper = checkedText('be lowercase', (text) => (text === text.toLowerCase() ? text.length : undefined));

  it.each([
    { name: 'converted value is returned', input: 'abc', expected: 3 },
    { name: 'a falsy converted value (0) is a success, not a failure', input: '', expected: 0 },
  ])('$name', ({ input, expected }) => {
    expect(upper.parse(input)).toBe(expected);
  });

  it('fails with the rule as message and keeps the text as input', () => {
    expectRule(upper, 'ABC', 'be lowercase');
  });

  it('rejects a non-string before converting', () => {
    const issues = issuesOf(upper, 42);
    expect(issues[0]).toMatchObject({ code: 'invalid_type', expected: 'string', input: 42 });
    expect(issues[0]?.message).toContain('expected string');
  });
});

describe('Const: booleanText', () => {
  it.each([
    { name: 'true', input: 'true', expected: true },
    { name: 'false', input: 'false', expected: false },
  ])('accepts $name', ({ input, expected }) => {
    expect(booleanText.parse(input)).toBe(expected);
  });

  it.each([
    { name: 'capitalised True', input: 'True' },
    { name: 'uppercase FALSE', input: 'FALSE' },
    { name: 'yes', input: 'yes' },
    { name: '1', input: '1' },
    { name: '0', input: '0' },
    { name: 'empty', input: '' },
    { name: 'padded', input: ' true' },
  ])('rejects $name', ({ input }) => {
    expectRule(booleanText, input, 'be "true" or "false"');
  });
});

describe('Function: enumText()', () => {
  const levels = enumText(['low', 'high'] as const);
  const targets = enumText(['compute', 'vram'] as const, { tflops: 'compute' });

  it.each([
    { name: 'first value', schema: levels, input: 'low', expected: 'low' },
    { name: 'last value', schema: levels, input: 'high', expected: 'high' },
    { name: 'own value with aliases present', schema: targets, input: 'vram', expected: 'vram' },
    { name: 'alias maps to its value', schema: targets, input: 'tflops', expected: 'compute' },
  ])('accepts $name', ({ schema, input, expected }) => {
    expect(schema.parse(input)).toBe(expected);
  });

  it.each([
    { name: 'unknown value', schema: levels, input: 'urgent', rule: 'be one of low, high' },
    { name: 'case differs', schema: levels, input: 'High', rule: 'be one of low, high' },
    { name: 'empty', schema: levels, input: '', rule: 'be one of low, high' },
    { name: 'alias target spelled differently', schema: targets, input: 'TFLOPS', rule: 'be one of compute, vram' },
    { name: 'alias of another schema', schema: levels, input: 'tflops', rule: 'be one of low, high' },
  ])('rejects $name', ({ schema, input, rule }) => {
    expectRule(schema, input, rule);
  });

  it('does not list aliases in the rule', () => {
    expect(issuesOf(targets, 'x')[0]?.message).toBe('be one of compute, vram');
  });
});

describe('Function: wholeText()', () => {
  const gpuCount = wholeText(1, 128, 'be a whole number from 1 to 128');
  const replicas = wholeText(0, 2_147_483_647, 'be 0 or more');

  it.each([
    { name: 'lower bound', schema: gpuCount, input: '1', expected: 1 },
    { name: 'upper bound', schema: gpuCount, input: '128', expected: 128 },
    { name: 'leading zeros', schema: gpuCount, input: '0008', expected: 8 },
    { name: 'zero when allowed', schema: replicas, input: '0', expected: 0 },
    { name: 'largest int32 (10 digits)', schema: replicas, input: '2147483647', expected: 2_147_483_647 },
  ])('accepts $name', ({ schema, input, expected }) => {
    expect(schema.parse(input)).toBe(expected);
  });

  it.each([
    { name: 'below range', schema: gpuCount, input: '0' },
    { name: 'above range', schema: gpuCount, input: '129' },
    { name: 'decimal', schema: gpuCount, input: '1.5' },
    { name: 'plus sign', schema: gpuCount, input: '+1' },
    { name: 'minus sign', schema: gpuCount, input: '-1' },
    { name: 'leading space', schema: gpuCount, input: ' 2' },
    { name: 'trailing space', schema: gpuCount, input: '2 ' },
    { name: 'empty', schema: gpuCount, input: '' },
    { name: 'exponent', schema: gpuCount, input: '1e2' },
    { name: 'hex', schema: gpuCount, input: '0x10' },
    { name: 'more than 10 characters even when small', schema: gpuCount, input: '00000000001' },
    { name: 'int32 plus one', schema: replicas, input: '2147483648' },
    { name: '11 digits', schema: replicas, input: '99999999999' },
  ])('rejects $name', ({ schema, input }) => {
    const issues = issuesOf(schema, input);
    expect(issues[0]).toMatchObject({ code: 'custom', input });
    expect(issues[0]?.message).toMatch(/^be (a whole number from 1 to 128|0 or more)$/);
  });
});

describe('Const: objectNameText', () => {
  it.each([
    { name: 'simple', input: 'default-pool' },
    { name: 'one character', input: 'a' },
    { name: 'dots and digits', input: 'pool.v2-0' },
    { name: 'digit first', input: '0pool' },
    { name: '253 characters', input: 'a'.repeat(253) },
  ])('accepts $name', ({ input }) => {
    expect(objectNameText.parse(input)).toBe(input);
  });

  it.each([
    { name: 'uppercase and underscore', input: 'Default_Pool' },
    { name: 'empty', input: '' },
    { name: 'leading dash', input: '-pool' },
    { name: 'trailing dash', input: 'pool-' },
    { name: 'trailing dot', input: 'pool.' },
    { name: 'space', input: 'my pool' },
    { name: 'slash', input: 'ns/pool' },
    { name: '254 characters', input: 'a'.repeat(254) },
  ])('rejects $name', ({ input }) => {
    expectRule(objectNameText, input, 'be a Kubernetes object name');
  });
});

describe('Consts: DNS_SUBDOMAIN and DNS_LABEL', () => {
  it.each([
    { name: 'subdomain allows dots', pattern: DNS_SUBDOMAIN, input: 'a.b', expected: true },
    { name: 'label forbids dots', pattern: DNS_LABEL, input: 'a.b', expected: false },
    { name: 'label allows dashes inside', pattern: DNS_LABEL, input: 'a-b', expected: true },
    { name: 'label forbids uppercase', pattern: DNS_LABEL, input: 'A', expected: false },
  ])('$name', ({ pattern, input, expected }) => {
    expect(pattern.test(input)).toBe(expected);
  });
});

describe('Function: splitList()', () => {
  const any = (): boolean => true;
  const onlyAb = (entry: string): boolean => entry === 'a' || entry === 'b';

  it.each([
    { name: 'single entry', text: 'a', valid: any, expected: ['a'] },
    { name: 'entries are trimmed', text: ' a , b ,c', valid: any, expected: ['a', 'b', 'c'] },
    { name: 'repeats are kept (listText rejects them)', text: 'a,a', valid: any, expected: ['a', 'a'] },
    { name: 'all entries valid', text: 'a,b', valid: onlyAb, expected: ['a', 'b'] },
    { name: 'empty entry in the middle', text: 'a,,b', valid: any, expected: undefined },
    { name: 'trailing comma', text: 'a,', valid: any, expected: undefined },
    { name: 'blank entry', text: 'a, ,b', valid: any, expected: undefined },
    { name: 'empty text', text: '', valid: any, expected: undefined },
    { name: 'one invalid entry', text: 'a,c', valid: onlyAb, expected: undefined },
  ])('$name', ({ text, valid, expected }) => {
    expect(splitList(text, valid)).toStrictEqual(expected);
  });

  it('validates the trimmed entry', () => {
    const seen: string[] = [];
    splitList(' x ,y', (entry) => { seen.push(entry); return true; });
    expect(seen).toStrictEqual(['x', 'y']);
  });
});

describe('Function: listText()', () => {
  const names = listText('be a list of names', isContainerName);

  it.each([
    { name: 'one entry', input: 'main', expected: ['main'] },
    { name: 'trimmed entries', input: 'main, sidecar', expected: ['main', 'sidecar'] },
  ])('accepts $name', ({ input, expected }) => {
    expect(names.parse(input)).toStrictEqual(expected);
  });

  it.each([
    { name: 'empty entry', input: 'a,,b' },
    { name: 'repeat', input: 'a,a' },
    { name: 'repeat after trimming', input: 'a, a' },
    { name: 'invalid entry', input: 'main,Bad_Name' },
    { name: 'empty', input: '' },
  ])('rejects $name', ({ input }) => {
    expectRule(names, input, 'be a list of names');
  });
});

describe('Function: isModelName()', () => {
  it.each([
    { name: 'short model', text: 'A100', expected: true },
    { name: 'full product name with spaces', text: 'NVIDIA H100 80GB HBM3', expected: true },
    { name: 'lowercase suffix', text: 'L40s', expected: true },
    { name: 'dash, underscore and dot', text: 'A100-SXM4_80GB.v2', expected: true },
    { name: '100 characters', text: 'x'.repeat(100), expected: true },
    { name: '101 characters', text: 'x'.repeat(101), expected: false },
    { name: 'empty', text: '', expected: false },
    { name: 'leading space', text: ' A100', expected: false },
    { name: 'leading dash', text: '-A100', expected: false },
    { name: 'punctuation', text: 'A100!', expected: false },
    { name: 'comma', text: 'A100,H100', expected: false },
  ])('$name', ({ text, expected }) => {
    expect(isModelName(text)).toBe(expected);
  });
});

describe('Function: isContainerName()', () => {
  it.each([
    { name: 'simple', text: 'main', expected: true },
    { name: 'one character', text: 'a', expected: true },
    { name: 'dash inside', text: 'side-car-1', expected: true },
    { name: '63 characters', text: 'a'.repeat(63), expected: true },
    { name: '64 characters', text: 'a'.repeat(64), expected: false },
    { name: 'uppercase', text: 'Main', expected: false },
    { name: 'underscore', text: 'Bad_Name', expected: false },
    { name: 'dot', text: 'a.b', expected: false },
    { name: 'leading dash', text: '-a', expected: false },
    { name: 'trailing dash', text: 'a-', expected: false },
    { name: 'empty', text: '', expected: false },
  ])('$name', ({ text, expected }) => {
    expect(isContainerName(text)).toBe(expected);
  });
});

describe('Function: isIndex()', () => {
  it.each([
    { name: 'zero', text: '0', expected: true },
    { name: 'single digit', text: '7', expected: true },
    { name: 'three digits', text: '999', expected: true },
    { name: '1024', text: '1024', expected: false },
    { name: 'negative', text: '-1', expected: false },
    { name: 'plus sign', text: '+1', expected: false },
    { name: 'decimal', text: '1.0', expected: false },
    { name: 'letter', text: 'x', expected: false },
    { name: 'space', text: ' 1', expected: false },
    { name: 'empty', text: '', expected: false },
  ])('$name', ({ text, expected }) => {
    expect(isIndex(text)).toBe(expected);
  });
});
