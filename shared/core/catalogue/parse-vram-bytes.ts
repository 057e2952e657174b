import type { QuantityFault } from '../quantity/quantity.ts';
import { parseQuantity } from '../quantity/parse-quantity.ts';
import { toScaledInteger } from '../quantity/to-integer.ts';
import type { AmountResult } from './parse-tflops-milli.ts';

/** The rules a VRAM size can break, by quantity fault, plus `zero`. */
export const VRAM_RULES: Readonly<Record<QuantityFault | 'zero', string>> = {
  empty: 'be a whole number of bytes or a quantity like 32Gi',
  syntax: 'be a whole number of bytes or a quantity like 32Gi',
  negative: 'be greater than 0',
  zero: 'be greater than 0',
  fraction: 'be a whole number of bytes',
  range: `be at most ${Number.MAX_SAFE_INTEGER} bytes`,
};

/**
 * Device memory, as ops write it (`"32Gi"`, `"80G"` or a byte count), to whole bytes. Malformed text
 * such as `32GB` is an error, never dropped (TensorFusion's parser treats it as absent, reference §1.2).
 */
export function parseVramBytes(value: number | string): AmountResult {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const quantity = parseQuantity(text);
  const bytes = quantity.ok ? toScaledInteger(quantity.value, 0) : quantity;
  if (!bytes.ok) return { ok: false, rule: VRAM_RULES[bytes.fault] };
  return bytes.value === 0 ? { ok: false, rule: VRAM_RULES.zero } : bytes;
}
