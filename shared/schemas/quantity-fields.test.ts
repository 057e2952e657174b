import { describe, expect, it } from 'vitest';
import { amountField, amountText, parseAmount, QUANTITY_PATTERN } from './quantity-fields.ts';

const TFLOPS = {
  empty: 'be a TFLOPS amount like 10 or 500m, not empty',
  syntax: 'be a TFLOPS amount like 10, 2.5 or 500m (Kubernetes quantity)',
  range: 'be a TFLOPS amount within range',
  negative: 'not be negative',
  fraction: 'have at most 3 decimals (1m = 0.001 TFLOPS)',
};
const VRAM = {
  empty: 'be a byte quantity like 4Gi or 512Mi, not empty',
  syntax: 'be a byte quantity like 4Gi or 512Mi (Kubernetes quantity; use Gi, not GB)',
  range: 'be less than 8Pi',
  negative: 'not be negative',
  fraction: 'be a whole number of bytes',
};
const PERCENT = {
  empty: 'be a percentage from 0 to 100, not empty',
  syntax: 'be a percentage from 0 to 100 like 50',
  range: 'be a percentage from 0 to 100',
  negative: 'not be negative',
  fraction: 'have at most 3 decimals',
};

describe('Function: parseAmount()', () => {
  describe('when the text is a valid amount', () => {
    it.each([
      { name: 'tflops whole number in thousandths', text: '5', kind: 'tflops', value: 5000 },
      { name: 'tflops decimal', text: '2.5', kind: 'tflops', value: 2500 },
      { name: 'tflops milli suffix', text: '500m', kind: 'tflops', value: 500 },
      { name: 'tflops 3 decimals', text: '0.001', kind: 'tflops', value: 1 },
      { name: 'tflops kilo suffix', text: '1k', kind: 'tflops', value: 1_000_000 },
      { name: 'tflops explicit plus', text: '+1', kind: 'tflops', value: 1000 },
      { name: 'tflops zero', text: '0', kind: 'tflops', value: 0 },
      { name: 'vram binary Gi', text: '3Gi', kind: 'vram', value: 3_221_225_472 },
      { name: 'vram binary Mi', text: '512Mi', kind: 'vram', value: 536_870_912 },
      { name: 'vram decimal G', text: '4G', kind: 'vram', value: 4_000_000_000 },
      { name: 'vram plain bytes', text: '1', kind: 'vram', value: 1 },
      { name: 'vram exponent', text: '1e3', kind: 'vram', value: 1000 },
      { name: 'vram fraction that is whole in bytes', text: '1.5Ki', kind: 'vram', value: 1536 },
      { name: 'vram 7Pi fits', text: '7Pi', kind: 'vram', value: 7_881_299_347_898_368 },
      { name: 'vram largest safe integer', text: '9007199254740991', kind: 'vram', value: Number.MAX_SAFE_INTEGER },
      { name: 'percent 50', text: '50', kind: 'percent', value: 50_000 },
      { name: 'percent exactly 100', text: '100', kind: 'percent', value: 100_000 },
      { name: 'percent 100 with zero decimals', text: '100.000', kind: 'percent', value: 100_000 },
      { name: 'percent half', text: '0.5', kind: 'percent', value: 500 },
      { name: 'percent zero', text: '0', kind: 'percent', value: 0 },
      { name: 'negative zero is zero', text: '-0', kind: 'percent', value: 0 },
    ] as const)('$name', ({ text, kind, value }) => {
      expect(parseAmount(text, kind)).toStrictEqual({ ok: true, value });
    });
  });

  describe('when the text breaks a rule', () => {
    it.each([
      { name: 'tflops empty', text: '', kind: 'tflops', rule: TFLOPS.empty },
      { name: 'tflops syntax (GB)', text: '4GB', kind: 'tflops', rule: TFLOPS.syntax },
      { name: 'tflops syntax (word)', text: 'abc', kind: 'tflops', rule: TFLOPS.syntax },
      { name: 'tflops range from the parser', text: '1e70', kind: 'tflops', rule: TFLOPS.range },
      { name: 'tflops range from scaling', text: '1e20', kind: 'tflops', rule: TFLOPS.range },
      { name: 'tflops negative', text: '-1', kind: 'tflops', rule: TFLOPS.negative },
      { name: 'tflops fraction', text: '0.0001', kind: 'tflops', rule: TFLOPS.fraction },
      { name: 'vram empty', text: '', kind: 'vram', rule: VRAM.empty },
      { name: 'vram syntax (GB)', text: '4GB', kind: 'vram', rule: VRAM.syntax },
      { name: 'vram range from the parser', text: '1e70', kind: 'vram', rule: VRAM.range },
      { name: 'vram range from scaling', text: '16Pi', kind: 'vram', rule: VRAM.range },
      { name: 'vram negative', text: '-1Gi', kind: 'vram', rule: VRAM.negative },
      { name: 'vram fraction of a byte', text: '0.5', kind: 'vram', rule: VRAM.fraction },
      { name: 'percent empty', text: '', kind: 'percent', rule: PERCENT.empty },
      { name: 'percent syntax (% sign)', text: '50%', kind: 'percent', rule: PERCENT.syntax },
      { name: 'percent range from the parser', text: '1e70', kind: 'percent', rule: PERCENT.range },
      { name: 'percent above 100 (cap)', text: '101', kind: 'percent', rule: PERCENT.range },
      { name: 'percent just above 100', text: '100.001', kind: 'percent', rule: PERCENT.range },
      { name: 'percent negative', text: '-5', kind: 'percent', rule: PERCENT.negative },
      { name: 'percent fraction', text: '50.0001', kind: 'percent', rule: PERCENT.fraction },
    ] as const)('$name', ({ text, kind, rule }) => {
      expect(parseAmount(text, kind)).toStrictEqual({ ok: false, rule });
    });
  });
});

describe('Function: amountText()', () => {
  it.each([
    { name: 'tflops', kind: 'tflops', input: '15', expected: 15_000 },
    { name: 'vram', kind: 'vram', input: '4Gi', expected: 4_294_967_296 },
    { name: 'percent', kind: 'percent', input: '25', expected: 25_000 },
  ] as const)('converts $name text', ({ kind, input, expected }) => {
    expect(amountText(kind).parse(input)).toBe(expected);
  });

  it.each([
    { name: 'GB suffix', kind: 'vram', input: '4GB', rule: VRAM.syntax },
    { name: 'negative', kind: 'tflops', input: '-1', rule: TFLOPS.negative },
    { name: 'empty', kind: 'percent', input: '', rule: PERCENT.empty },
  ] as const)('fails with the rule and the input for $name', ({ kind, input, rule }) => {
    const result = amountText(kind).safeParse(input, { reportInput: true });
    expect(result.error?.issues).toStrictEqual([expect.objectContaining({ code: 'custom', path: [], message: rule, input })]);
  });

  it('rejects a YAML number (annotations are strings)', () => {
    const result = amountText('vram').safeParse(4, { reportInput: true });
    expect(result.error?.issues[0]).toMatchObject({ code: 'invalid_type', expected: 'string', input: 4 });
    expect(result.error?.issues[0]?.message).toContain('expected string');
  });
});

describe('Function: amountField()', () => {
  it.each([
    { name: 'tflops string', kind: 'tflops', input: '5', expected: 5000 },
    { name: 'tflops number', kind: 'tflops', input: 5, expected: 5000 },
    { name: 'tflops decimal number', kind: 'tflops', input: 2.5, expected: 2500 },
    { name: 'vram string', kind: 'vram', input: '3Gi', expected: 3_221_225_472 },
    { name: 'vram number of bytes', kind: 'vram', input: 1024, expected: 1024 },
    { name: 'percent number', kind: 'percent', input: 100, expected: 100_000 },
    { name: 'percent string', kind: 'percent', input: '0.5', expected: 500 },
  ] as const)('accepts $name', ({ kind, input, expected }) => {
    expect(amountField(kind).parse(input)).toBe(expected);
  });

  it.each([
    { name: 'string with GB', kind: 'vram', input: '4GB', rule: VRAM.syntax },
    { name: 'negative number', kind: 'vram', input: -1, rule: VRAM.negative },
    { name: 'fractional byte number', kind: 'vram', input: 0.5, rule: VRAM.fraction },
    { name: 'percent number over 100', kind: 'percent', input: 150, rule: PERCENT.range },
    { name: 'tflops too many decimals', kind: 'tflops', input: 0.0001, rule: TFLOPS.fraction },
  ] as const)('rejects $name with the rule, keeping the raw input', ({ kind, input, rule }) => {
    const result = amountField(kind).safeParse(input, { reportInput: true });
    expect(result.error?.issues).toStrictEqual([expect.objectContaining({ code: 'custom', message: rule, input })]);
  });

  it('rejects a value that is neither string nor number', () => {
    const result = amountField('tflops').safeParse(true, { reportInput: true });
    expect(result.error?.issues[0]).toMatchObject({ code: 'invalid_union', input: true });
    expect(result.error?.issues[0]?.message).toContain('Invalid input');
  });

  it.each([
    { name: 'vram', kind: 'vram', description: 'Bytes, as a Kubernetes quantity' },
    { name: 'tflops', kind: 'tflops', description: 'FP16 TFLOPS, as a Kubernetes quantity' },
    { name: 'percent', kind: 'percent', description: 'Percent of the GPU, as a Kubernetes quantity' },
  ] as const)('marks the $name field as a quantity with its unit', ({ kind, description }) => {
    expect(amountField(kind).meta()).toStrictEqual({ quantity: true, description });
  });
});

describe('Const: QUANTITY_PATTERN', () => {
  const pattern = new RegExp(QUANTITY_PATTERN);

  it.each([
    { name: 'binary suffix', text: '4Gi', expected: true },
    { name: 'milli', text: '500m', expected: true },
    { name: 'exponent', text: '1e3', expected: true },
    { name: 'signed', text: '+1', expected: true },
    { name: 'leading point', text: '.5', expected: true },
    { name: 'trailing point', text: '1.', expected: true },
    { name: 'GB', text: '4GB', expected: false },
    { name: 'empty', text: '', expected: false },
    { name: 'word', text: 'abc', expected: false },
    { name: 'binary with lowercase k', text: '1ki', expected: false },
  ])('$name', ({ text, expected }) => {
    expect(pattern.test(text)).toBe(expected);
  });

  it('agrees with parseAmount on which texts are quantities', () => {
    for (const text of ['4Gi', '500m', '1e3', '+1', '.5', '1.', '4GB', '', 'abc', '1ki', '1.2.3', '- 1']) {
      const rule = parseAmount(text, 'tflops');
      const syntaxOk = rule.ok || (rule.rule !== TFLOPS.syntax && rule.rule !== TFLOPS.empty);
      expect({ text, matches: pattern.test(text) }).toStrictEqual({ text, matches: syntaxOk });
    }
  });
});
