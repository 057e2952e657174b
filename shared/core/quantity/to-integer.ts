import type { Quantity, QuantityResult } from './quantity.ts';

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * The exact integer `quantity × 10^scale`, or a fault: `fraction` when it is not whole at that scale,
 * `negative` for a negative value, `range` beyond `Number.MAX_SAFE_INTEGER`. `scale` 0 gives bytes,
 * 3 gives thousandths (milli-TFLOPS, milli-percent). All arithmetic is exact: small values take a
 * float fast path that is provably exact (integers below 2^53), the rest use BigInt.
 */
export function toScaledInteger(quantity: Quantity, scale: number): QuantityResult<number> {
  if (quantity.negative) return { ok: false, fault: 'negative' };
  const { digits, exp2 } = quantity;
  if (digits.length === 0) return { ok: true, value: 0 };
  const exp10 = quantity.exp10 + scale;
  if (digits.length <= 15 && exp10 >= -15 && exp10 <= 15) {
    const fast = fastPath(Number(digits), exp10, exp2);
    if (fast !== undefined) return fast;
  }
  return bigPath(BigInt(digits), exp10, exp2);
}

function fastPath(mantissa: number, exp10: number, exp2: number): QuantityResult<number> | undefined {
  const scaled = mantissa * 2 ** exp2;
  if (scaled > Number.MAX_SAFE_INTEGER) return undefined;
  if (exp10 >= 0) {
    const value = scaled * (POW10[exp10] as number);
    return value > Number.MAX_SAFE_INTEGER ? { ok: false, fault: 'range' } : { ok: true, value };
  }
  const divisor = POW10[-exp10] as number;
  return scaled % divisor === 0 ? { ok: true, value: scaled / divisor } : { ok: false, fault: 'fraction' };
}

function bigPath(mantissa: bigint, exp10: number, exp2: number): QuantityResult<number> {
  let value = mantissa << BigInt(exp2);
  if (exp10 >= 0) {
    value *= 10n ** BigInt(exp10);
  } else {
    const divisor = 10n ** BigInt(-exp10);
    if (value % divisor !== 0n) return { ok: false, fault: 'fraction' };
    value /= divisor;
  }
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? { ok: false, fault: 'range' } : { ok: true, value: Number(value) };
}
