import { describe, expect, it } from 'vitest';
import { parseTflopsMilli, TFLOPS_RULES } from './parse-tflops-milli.ts';

describe('Function: parseTflopsMilli()', () => {
  it.each([
    { name: 'whole number', input: 125, expected: 125_000 },
    { name: 'one decimal as a number', input: 18.7, expected: 18_700 },
    { name: 'one decimal that floats mis-scale', input: 149.7, expected: 149_700 },
    { name: 'three decimals as text', input: '165.16', expected: 165_160 },
    { name: 'smallest positive value', input: '0.001', expected: 1 },
    { name: 'trailing zeros beyond three decimals', input: '18.70000', expected: 18_700 },
    { name: 'text with spaces around', input: ' 38.71 ', expected: 38_710 },
    { name: 'largest exact value', input: '9007199254740.991', expected: Number.MAX_SAFE_INTEGER },
  ])('converts $name', ({ input, expected }) => {
    expect(parseTflopsMilli(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { name: 'unit suffix', input: '1k', rule: TFLOPS_RULES.syntax, fragment: 'decimal number of TFLOPS' },
    { name: 'exponent', input: '1e3', rule: TFLOPS_RULES.syntax, fragment: 'decimal number of TFLOPS' },
    { name: 'negative number', input: -5, rule: TFLOPS_RULES.syntax, fragment: 'positive' },
    { name: 'empty text', input: '', rule: TFLOPS_RULES.syntax, fragment: 'like 18.7' },
    { name: 'not a number', input: Number.NaN, rule: TFLOPS_RULES.syntax, fragment: 'like 18.7' },
    { name: 'infinity', input: Number.POSITIVE_INFINITY, rule: TFLOPS_RULES.syntax, fragment: 'like 18.7' },
    { name: 'four decimals', input: 1.2345, rule: TFLOPS_RULES.fraction, fragment: 'at most 3 decimals' },
    { name: 'zero', input: 0, rule: TFLOPS_RULES.zero, fragment: 'greater than 0' },
    { name: 'zero with decimals', input: '0.000', rule: TFLOPS_RULES.zero, fragment: 'greater than 0' },
    { name: 'just beyond the exact range', input: '9007199254740.992', rule: TFLOPS_RULES.range, fragment: 'at most' },
    { name: 'beyond the quantity range', input: '1'.repeat(70), rule: TFLOPS_RULES.range, fragment: 'at most' },
  ])('rejects $name', ({ input, rule, fragment }) => {
    expect(parseTflopsMilli(input)).toEqual({ ok: false, rule });
    expect(rule).toContain(fragment);
  });
});
