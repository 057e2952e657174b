import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatMilli } from './format-quantity.ts';
import { parseQuantity } from './parse-quantity.ts';
import type { QuantityResult } from './quantity.ts';
import { QUANTITY_FAULTS } from './quantity.ts';
import { toScaledInteger } from './to-integer.ts';

const BINARY_EXP2 = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 } as const;
const DECIMAL_EXP10 = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 } as const;

function bytesOf(text: string): QuantityResult<number> {
  const parsed = parseQuantity(text);
  return parsed.ok ? toScaledInteger(parsed.value, 0) : parsed;
}

function milliOf(text: string): QuantityResult<number> {
  const parsed = parseQuantity(text);
  return parsed.ok ? toScaledInteger(parsed.value, 3) : parsed;
}

const digitString = (maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength });

/** A quantity written as parts, so the reference below never goes through the parser. */
const quantityParts = fc.record({
  sign: fc.constantFrom('', '+', '-'),
  whole: digitString(20),
  fraction: fc.option(digitString(20), { nil: undefined }),
  suffix: fc.oneof(
    fc.record({ kind: fc.constant('binary' as const), key: fc.constantFrom(...(Object.keys(BINARY_EXP2) as (keyof typeof BINARY_EXP2)[])) }),
    fc.record({ kind: fc.constant('decimal' as const), key: fc.constantFrom(...(Object.keys(DECIMAL_EXP10) as (keyof typeof DECIMAL_EXP10)[])) }),
    fc.record({ kind: fc.constant('exponent' as const), letter: fc.constantFrom('e', 'E'), plus: fc.boolean(), exp: fc.integer({ min: -30, max: 30 }) }),
  ),
  scale: fc.integer({ min: 0, max: 6 }),
}).filter(({ whole, fraction }) => whole.length > 0 || (fraction !== undefined && fraction.length > 0));

type Parts = typeof quantityParts extends fc.Arbitrary<infer T> ? T : never;

function textOf({ sign, whole, fraction, suffix }: Parts): string {
  const number = fraction === undefined ? whole : `${whole}.${fraction}`;
  if (suffix.kind === 'exponent') return `${sign}${number}${suffix.letter}${suffix.plus && suffix.exp >= 0 ? '+' : ''}${suffix.exp}`;
  return `${sign}${number}${suffix.key}`;
}

/** Pure-BigInt reference for `parseQuantity` then `toScaledInteger`, computed from the parts. */
function reference({ sign, whole, fraction = '', suffix, scale }: Parts): QuantityResult<number> {
  const mantissa = BigInt(`0${whole}${fraction}`);
  if (mantissa === 0n) return { ok: true, value: 0 };
  if (sign === '-') return { ok: false, fault: 'negative' };
  const exp2 = suffix.kind === 'binary' ? BINARY_EXP2[suffix.key] : 0;
  const suffixExp10 = suffix.kind === 'decimal' ? DECIMAL_EXP10[suffix.key] : suffix.kind === 'exponent' ? suffix.exp : 0;
  const exp10 = suffixExp10 - fraction.length + scale;
  const numerator = (mantissa * 2n ** BigInt(exp2)) * 10n ** BigInt(Math.max(exp10, 0));
  const denominator = 10n ** BigInt(Math.max(-exp10, 0));
  if (numerator % denominator !== 0n) return { ok: false, fault: 'fraction' };
  const value = numerator / denominator;
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? { ok: false, fault: 'range' } : { ok: true, value: Number(value) };
}

const quantityLike = fc.oneof(
  fc.stringMatching(/^[+-]?\d{0,20}(\.\d{0,20})?([eE][+-]?\d{1,6}|[KMGTPE]i|[numkMGTPE])?$/),
  fc.stringMatching(/^[ +\-.0-9eEKMGTPinumkB]{0,14}$/),
);

describe('Property: quantity', () => {
  it('formatBytes round-trips through parseQuantity for every safe byte count', () => {
    const powerOfTwoMultiple = fc.tuple(fc.nat({ max: 2 ** 23 - 1 }), fc.integer({ min: 0, max: 30 })).map(([m, e]) => m * 2 ** e);
    fc.assert(fc.property(fc.oneof(fc.maxSafeNat(), powerOfTwoMultiple), (bytes) => {
      expect(bytesOf(formatBytes(bytes))).toEqual({ ok: true, value: bytes });
    }));
  });

  it('formatMilli round-trips through parseQuantity for milli values up to 1e12', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (milli) => {
      expect(milliOf(formatMilli(milli))).toEqual({ ok: true, value: milli });
    }));
  });

  it('parseQuantity never throws and answers ok or a known fault', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), quantityLike), (text) => {
      const result = parseQuantity(text);
      if (result.ok) {
        expect(result.value.digits).toMatch(/^(?:[1-9]\d*)?$/);
        expect(result.value.negative && result.value.digits === '').toBe(false);
      } else {
        expect(Object.keys(QUANTITY_FAULTS)).toContain(result.fault);
      }
    }));
  });

  it('toScaledInteger never throws and any value it gives is a safe non-negative integer', () => {
    fc.assert(fc.property(quantityLike, fc.integer({ min: 0, max: 9 }), (text, scale) => {
      const parsed = parseQuantity(text);
      fc.pre(parsed.ok);
      if (!parsed.ok) return;
      const result = toScaledInteger(parsed.value, scale);
      if (result.ok) {
        expect(Number.isSafeInteger(result.value)).toBe(true);
        expect(result.value).toBeGreaterThanOrEqual(0);
      } else {
        expect(['negative', 'fraction', 'range']).toContain(result.fault);
      }
    }));
  });

  it('parse then toScaledInteger agrees with a pure-BigInt reference', () => {
    fc.assert(fc.property(quantityParts, (parts) => {
      const parsed = parseQuantity(textOf(parts));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(toScaledInteger(parsed.value, parts.scale)).toEqual(reference(parts));
    }), { numRuns: 2000 });
  });
});
