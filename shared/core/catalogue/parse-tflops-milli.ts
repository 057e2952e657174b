import { parseQuantity } from '../quantity/parse-quantity.ts';
import { toScaledInteger } from '../quantity/to-integer.ts';

/** A converted catalogue amount, or the rule it broke, phrased to follow "must". */
export type AmountResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly rule: string };

// A plain decimal: no sign, no SI suffix, no exponent (`1k` TFLOPS would be a typo, not a unit).
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** The rules a TFLOPS figure can break. */
export const TFLOPS_RULES = {
  syntax: 'be a positive decimal number of TFLOPS like 18.7',
  fraction: 'have at most 3 decimals, like 149.725',
  range: 'be at most 9007199254740.991',
  zero: 'be greater than 0',
} as const;

/**
 * Dense FP16 TFLOPS, as ops write it (`18.7` or `"18.7"`), to exact thousandths: the unit of
 * `GpuModelSpec.fp16TflopsMilli`. Decimal text is converted without floating-point arithmetic, so
 * `149.7` is 149700, never 149699.99….
 */
export function parseTflopsMilli(value: number | string): AmountResult {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!DECIMAL.test(text)) return { ok: false, rule: TFLOPS_RULES.syntax };
  const quantity = parseQuantity(text);
  const milli = quantity.ok ? toScaledInteger(quantity.value, 3) : quantity;
  if (!milli.ok) return { ok: false, rule: milli.fault === 'fraction' ? TFLOPS_RULES.fraction : TFLOPS_RULES.range };
  return milli.value === 0 ? { ok: false, rule: TFLOPS_RULES.zero } : milli;
}
