import { describe, expect, it } from 'vitest';
import { parseVramBytes, VRAM_RULES } from './parse-vram-bytes.ts';

const GIB = 2 ** 30;

describe('Function: parseVramBytes()', () => {
  it.each([
    { name: 'binary quantity', input: '32Gi', expected: 32 * GIB },
    { name: 'decimal quantity', input: '80G', expected: 80e9 },
    { name: 'fractional binary quantity that is whole in bytes', input: '1.5Gi', expected: 1.5 * GIB },
    { name: 'byte count as a number', input: 24 * GIB, expected: 24 * GIB },
    { name: 'byte count as text', input: '17179869184', expected: 16 * GIB },
    { name: 'text with spaces around', input: ' 141Gi ', expected: 141 * GIB },
  ])('converts $name', ({ input, expected }) => {
    expect(parseVramBytes(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { name: 'empty text', input: '', rule: VRAM_RULES.empty, fragment: 'quantity like 32Gi' },
    { name: 'TensorFusion-style 32GB', input: '32GB', rule: VRAM_RULES.syntax, fragment: 'quantity like 32Gi' },
    { name: 'not a number', input: Number.NaN, rule: VRAM_RULES.syntax, fragment: 'whole number of bytes' },
    { name: 'negative', input: '-1Gi', rule: VRAM_RULES.negative, fragment: 'greater than 0' },
    { name: 'zero', input: 0, rule: VRAM_RULES.zero, fragment: 'greater than 0' },
    { name: 'fraction of a byte', input: 1.5, rule: VRAM_RULES.fraction, fragment: 'whole number of bytes' },
    { name: 'beyond safe integers', input: '8Ei', rule: VRAM_RULES.range, fragment: 'at most 9007199254740991' },
    { name: 'huge number', input: 1e21, rule: VRAM_RULES.range, fragment: 'at most' },
  ])('rejects $name', ({ input, rule, fragment }) => {
    expect(parseVramBytes(input)).toEqual({ ok: false, rule });
    expect(rule).toContain(fragment);
  });
});
