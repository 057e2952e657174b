import { describe, expect, it } from 'vitest';
import { parseQuantity } from './parse-quantity.ts';
import type { Quantity, QuantityFault } from './quantity.ts';
import { toScaledInteger } from './to-integer.ts';

const BYTES = 0;
const MILLI = 3;

function parsed(text: string): Quantity {
  const result = parseQuantity(text);
  if (!result.ok) throw new Error(`fixture ${text} does not parse: ${result.fault}`);
  return result.value;
}

describe('Function: toScaledInteger()', () => {
  describe('whole values', () => {
    it.each([
      { name: 'zero bytes', text: '0', scale: BYTES, value: 0 },
      { name: 'zero with fraction digits', text: '0.000', scale: BYTES, value: 0 },
      { name: 'zero milli', text: '0', scale: MILLI, value: 0 },
      { name: 'negative zero', text: '-0', scale: BYTES, value: 0 },
      { name: 'plain bytes', text: '1024', scale: BYTES, value: 1024 },
      { name: '4Gi in bytes', text: '4Gi', scale: BYTES, value: 4294967296 },
      { name: 'half a kibibyte', text: '0.5Ki', scale: BYTES, value: 512 },
      { name: 'decimal kilo in bytes', text: '2k', scale: BYTES, value: 2000 },
      { name: 'exponent in bytes', text: '1e3', scale: BYTES, value: 1000 },
      { name: '1.5 in milli', text: '1.5', scale: MILLI, value: 1500 },
      { name: '500m in milli', text: '500m', scale: MILLI, value: 500 },
      { name: '10.5 in milli', text: '10.5', scale: MILLI, value: 10500 },
      { name: 'largest fast-path power of ten', text: '1e15', scale: BYTES, value: 1e15 },
      { name: '7Pi, the largest whole pebibyte count below 2^53', text: '7Pi', scale: BYTES, value: 7 * 2 ** 50 },
      { name: 'MAX_SAFE_INTEGER itself', text: String(Number.MAX_SAFE_INTEGER), scale: BYTES, value: Number.MAX_SAFE_INTEGER },
    ])('$name: $text at scale $scale is $value', ({ text, scale, value }) => {
      expect(toScaledInteger(parsed(text), scale)).toEqual({ ok: true, value });
    });
  });

  describe('BigInt path', () => {
    it.each([
      { name: '16 digits', text: '1234567890123456', scale: BYTES, value: 1234567890123456 },
      { name: '20-digit mantissa cancelled by the exponent', text: '10000000000000000000e-10', scale: BYTES, value: 1e9 },
      { name: '20 zero fraction digits', text: '1.00000000000000000000', scale: BYTES, value: 1 },
      { name: 'exponent below the fast-path table', text: `1${'0'.repeat(16)}e-16`, scale: MILLI, value: 1000 },
      { name: 'binary scaling past 2^53 then divided back', text: '0.125Pi', scale: BYTES, value: 2 ** 47 },
    ])('$name: $text at scale $scale is $value', ({ text, scale, value }) => {
      expect(toScaledInteger(parsed(text), scale)).toEqual({ ok: true, value });
    });
  });

  describe('faults', () => {
    it.each<{ name: string; text: string; scale: number; fault: QuantityFault }>([
      { name: 'milli value in bytes', text: '500m', scale: BYTES, fault: 'fraction' },
      { name: 'decimal value in bytes', text: '1.5', scale: BYTES, fault: 'fraction' },
      { name: 'sub-milli value in milli', text: '1u', scale: MILLI, fault: 'fraction' },
      { name: 'odd bytes of a fractional kibibyte', text: '0.1Ki', scale: BYTES, fault: 'fraction' },
      { name: 'negative bytes', text: '-1', scale: BYTES, fault: 'negative' },
      { name: 'negative fraction reports the sign first', text: '-0.5', scale: BYTES, fault: 'negative' },
      { name: 'MAX_SAFE_INTEGER + 1', text: String(2 ** 53), scale: BYTES, fault: 'range' },
      { name: '8Pi is exactly 2^53', text: '8Pi', scale: BYTES, fault: 'range' },
      { name: '9Pi', text: '9Pi', scale: BYTES, fault: 'range' },
      { name: '1Ei', text: '1Ei', scale: BYTES, fault: 'range' },
      { name: 'fast path product past 2^53', text: '1e15', scale: MILLI, fault: 'range' },
      { name: '10 peta in bytes', text: '10P', scale: BYTES, fault: 'range' },
      { name: 'exa in bytes', text: '1E', scale: BYTES, fault: 'range' },
      { name: '20-digit mantissa that is not whole', text: '1234567890123456789e-10', scale: BYTES, fault: 'fraction' },
      { name: 'power of ten below the fast-path table', text: '1e-16', scale: BYTES, fault: 'fraction' },
      { name: 'fractional exbibyte', text: '0.001Ei', scale: BYTES, fault: 'fraction' },
      { name: '20-digit whole number', text: '12345678901234567890', scale: BYTES, fault: 'range' },
    ])('$name: $text at scale $scale is $fault', ({ text, scale, fault }) => {
      expect(toScaledInteger(parsed(text), scale)).toEqual({ ok: false, fault });
    });
  });
});
