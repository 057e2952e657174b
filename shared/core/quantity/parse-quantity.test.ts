import { describe, expect, it } from 'vitest';
import { parseQuantity } from './parse-quantity.ts';
import type { Quantity, QuantityFault } from './quantity.ts';
import { MAX_ABS_EXP10, QUANTITY_FAULTS } from './quantity.ts';

type Parts = Partial<Quantity> & Pick<Quantity, 'digits'>;

/** The phrase each fault's message must carry, so a reworded message is caught. */
const FRAGMENT: Readonly<Record<QuantityFault, string>> = {
  empty: 'not empty',
  syntax: 'Kubernetes quantity',
  range: 'within range',
  negative: 'not be negative',
  fraction: 'whole number',
};

const quantity = ({ negative = false, digits, exp10 = 0, exp2 = 0 }: Parts): Quantity => ({ negative, digits, exp10, exp2 });

describe('Function: parseQuantity()', () => {
  describe('plain numbers', () => {
    it.each([
      { name: 'zero', text: '0', expected: quantity({ digits: '' }) },
      { name: 'one', text: '1', expected: quantity({ digits: '1' }) },
      { name: 'multi-digit integer', text: '4096', expected: quantity({ digits: '4096' }) },
      { name: 'leading zeros stripped', text: '007', expected: quantity({ digits: '7' }) },
      { name: 'decimal with both parts', text: '1.5', expected: quantity({ digits: '15', exp10: -1 }) },
      { name: 'decimal without whole part', text: '.5', expected: quantity({ digits: '5', exp10: -1 }) },
      { name: 'decimal without fraction digits', text: '5.', expected: quantity({ digits: '5' }) },
      { name: 'fraction with leading zeros', text: '0.025', expected: quantity({ digits: '25', exp10: -3 }) },
      { name: 'trailing fraction zeros kept as digits', text: '1.000', expected: quantity({ digits: '1000', exp10: -3 }) },
      { name: 'all-zero fraction is zero', text: '0.000', expected: quantity({ digits: '', exp10: -3 }) },
    ])('parses $name ($text)', ({ text, expected }) => {
      expect(parseQuantity(text)).toEqual({ ok: true, value: expected });
    });
  });

  describe('binary suffixes', () => {
    it.each([
      { name: 'kibi', text: '1Ki', exp2: 10 },
      { name: 'mebi', text: '1Mi', exp2: 20 },
      { name: 'gibi', text: '1Gi', exp2: 30 },
      { name: 'tebi', text: '1Ti', exp2: 40 },
      { name: 'pebi', text: '1Pi', exp2: 50 },
      { name: 'exbi', text: '1Ei', exp2: 60 },
    ])('parses $name ($text) as a power of two', ({ text, exp2 }) => {
      expect(parseQuantity(text)).toEqual({ ok: true, value: quantity({ digits: '1', exp2 }) });
    });

    it('keeps the fraction of a binary quantity as a power of ten', () => {
      expect(parseQuantity('0.5Ki')).toEqual({ ok: true, value: quantity({ digits: '5', exp10: -1, exp2: 10 }) });
    });
  });

  describe('decimal suffixes', () => {
    it.each([
      { name: 'nano', text: '1n', exp10: -9 },
      { name: 'micro', text: '1u', exp10: -6 },
      { name: 'milli', text: '1m', exp10: -3 },
      { name: 'kilo', text: '1k', exp10: 3 },
      { name: 'mega', text: '1M', exp10: 6 },
      { name: 'giga', text: '1G', exp10: 9 },
      { name: 'tera', text: '1T', exp10: 12 },
      { name: 'peta', text: '1P', exp10: 15 },
      { name: 'exa (upper-case E without digits is a suffix)', text: '1E', exp10: 18 },
    ])('parses $name ($text) as a power of ten', ({ text, exp10 }) => {
      expect(parseQuantity(text)).toEqual({ ok: true, value: quantity({ digits: '1', exp10 }) });
    });

    it('folds the fraction digits into the suffix exponent', () => {
      expect(parseQuantity('10.5m')).toEqual({ ok: true, value: quantity({ digits: '105', exp10: -4 }) });
    });
  });

  describe('exponents', () => {
    it.each([
      { name: 'lower-case e', text: '1e3', expected: quantity({ digits: '1', exp10: 3 }) },
      { name: 'upper-case E with negative exponent', text: '1E-2', expected: quantity({ digits: '1', exp10: -2 }) },
      { name: 'explicit plus signs', text: '+1e+2', expected: quantity({ digits: '1', exp10: 2 }) },
      { name: 'decimal mantissa', text: '2.5e3', expected: quantity({ digits: '25', exp10: 2 }) },
      { name: 'zero exponent', text: '7e0', expected: quantity({ digits: '7' }) },
      { name: 'negative zero exponent (exp10 is +0, not -0)', text: '7e-0', expected: quantity({ digits: '7' }) },
      { name: 'huge exponent on zero is still zero', text: '0e99999', expected: quantity({ digits: '', exp10: 99999 }) },
    ])('parses $name ($text)', ({ text, expected }) => {
      expect(parseQuantity(text)).toEqual({ ok: true, value: expected });
    });
  });

  describe('sign', () => {
    it.each([
      { name: 'minus one is negative', text: '-1', negative: true, digits: '1' },
      { name: 'negative binary quantity', text: '-4Gi', negative: true, digits: '4' },
      { name: 'plus one is not negative', text: '+1', negative: false, digits: '1' },
      { name: 'minus zero is not negative', text: '-0', negative: false, digits: '' },
      { name: 'minus zero point zero is not negative', text: '-0.0', negative: false, digits: '' },
    ])('$name ($text)', ({ text, negative, digits }) => {
      const result = parseQuantity(text);
      expect(result).toMatchObject({ ok: true, value: { negative, digits } });
    });
  });

  describe('faults', () => {
    it.each<{ name: string; text: string; fault: QuantityFault }>([
      { name: 'empty string', text: '', fault: 'empty' },
      { name: 'SI-style unit (TensorFusion silently drops it)', text: '4GB', fault: 'syntax' },
      { name: 'letters', text: 'abc', fault: 'syntax' },
      { name: 'two decimal points', text: '1.2.3', fault: 'syntax' },
      { name: 'suffix without a number', text: 'Gi', fault: 'syntax' },
      { name: 'leading whitespace', text: ' 4Gi', fault: 'syntax' },
      { name: 'trailing whitespace', text: '4Gi ', fault: 'syntax' },
      { name: 'space before the suffix', text: '4 Gi', fault: 'syntax' },
      { name: 'lower-case binary suffix', text: '4gi', fault: 'syntax' },
      { name: 'exponent without digits', text: '1e', fault: 'syntax' },
      { name: 'lone decimal point', text: '.', fault: 'syntax' },
      { name: 'lone sign', text: '-', fault: 'syntax' },
      { name: 'double sign', text: '--1', fault: 'syntax' },
      { name: 'exponent and suffix together', text: '1e3Ki', fault: 'syntax' },
      { name: 'upper-case K (kilo is k)', text: '1K', fault: 'syntax' },
      { name: 'non-ASCII digits', text: '\u0664', fault: 'syntax' },
      { name: 'huge exponent', text: '1e99999', fault: 'range' },
      { name: 'huge negative exponent', text: '1e-99999', fault: 'range' },
      { name: 'exponent that overflows a double', text: `1e${'9'.repeat(400)}`, fault: 'range' },
      { name: '200-digit number', text: '1'.repeat(200), fault: 'range' },
      { name: 'tiny fraction', text: `0.${'0'.repeat(100)}1`, fault: 'range' },
    ])('rejects $name with $fault', ({ text, fault }) => {
      const result = parseQuantity(text);
      expect(result).toEqual({ ok: false, fault });
      expect(QUANTITY_FAULTS[fault]).toContain(FRAGMENT[fault]);
    });
  });

  describe('range limit', () => {
    it.each([
      { name: 'largest magnitude accepted', text: `1e${MAX_ABS_EXP10 - 1}`, ok: true },
      { name: 'one past the largest magnitude', text: `1e${MAX_ABS_EXP10}`, ok: false },
      { name: 'smallest magnitude accepted', text: `1e-${MAX_ABS_EXP10 + 1}`, ok: true },
      { name: 'one past the smallest magnitude', text: `1e-${MAX_ABS_EXP10 + 2}`, ok: false },
      { name: 'long digits cancelled by the exponent', text: `1${'0'.repeat(100)}e-100`, ok: true },
      { name: 'many leading zeros do not count', text: `${'0'.repeat(200)}1`, ok: true },
    ])('$name ($ok)', ({ text, ok }) => {
      expect(parseQuantity(text).ok).toBe(ok);
    });
  });
});
