import type { Quantity, QuantityResult } from './quantity.ts';
import { MAX_ABS_EXP10 } from './quantity.ts';

// sign, mantissa (1 / 1. / 1.5 / .5), then one of: exponent, binary SI, decimal SI.
const GRAMMAR = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+)|([KMGTPE])i|([numkMGTPE]))?$/;

const BINARY_EXP2: Readonly<Record<string, number>> = { K: 10, M: 20, G: 30, T: 40, P: 50, E: 60 };
const DECIMAL_EXP10: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/**
 * Parse Kubernetes quantity text exactly. `4GB`, `abc`, `1.2.3` and the empty string are faults, never
 * silently dropped (TensorFusion's parser treats them as absent: see the reference §1.2).
 */
export function parseQuantity(text: string): QuantityResult<Quantity> {
  if (text.length === 0) return { ok: false, fault: 'empty' };
  const match = GRAMMAR.exec(text);
  if (match === null) return { ok: false, fault: 'syntax' };
  const [, sign, whole = '', fraction = '', onlyFraction, exponent, binary, decimal] = match;
  const fractionDigits = onlyFraction ?? fraction;
  // `0 -` rather than unary minus: with no fraction digits, `-0` would leak into the value and break equality.
  let exp10 = 0 - fractionDigits.length;
  if (exponent !== undefined) {
    exp10 += Number(exponent);
  } else if (decimal !== undefined) {
    // GRAMMAR only captures keys of these tables, so the lookups always hit.
    exp10 += DECIMAL_EXP10[decimal] as number;
  }
  const exp2 = binary === undefined ? 0 : (BINARY_EXP2[binary] as number);
  const digits = stripLeadingZeros(whole + fractionDigits);
  if (digits.length > 0 && Math.abs(exp10 + digits.length) > MAX_ABS_EXP10) return { ok: false, fault: 'range' };
  return { ok: true, value: { negative: sign === '-' && digits.length > 0, digits, exp10, exp2 } };
}

function stripLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === 48) start++;
  return start === 0 ? digits : digits.slice(start);
}
