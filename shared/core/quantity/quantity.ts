/**
 * An exact Kubernetes quantity: `digits × 10^exp10 × 2^exp2`, sign apart.
 *
 * Kubernetes `resource.Quantity` grammar (k8s.io/apimachinery/pkg/api/resource/quantity.go):
 * a signed decimal number followed by a binary SI suffix (Ki…Ei), a decimal SI suffix (n u m "" k M G T P E)
 * or a decimal exponent (e3, E-2). Binary suffixes are powers of two, so any quantity is an exact rational;
 * keeping the digits as text lets us convert without floating-point loss.
 */
export interface Quantity {
  readonly negative: boolean;
  /** Decimal digits with the point removed and leading zeros stripped ("" means zero). */
  readonly digits: string;
  /** Power of ten applied to `digits` (fraction digits and SI or exponent suffix folded in). */
  readonly exp10: number;
  /** Power of two from a binary SI suffix (Ki = 10 … Ei = 60). */
  readonly exp2: number;
}

/** Why a text is not a quantity, or not the kind of quantity a field needs. */
export const QUANTITY_FAULTS = {
  empty: 'be a quantity like 4Gi, not empty',
  syntax: 'be a quantity like 4Gi (Kubernetes quantity: number with optional suffix Ki Mi Gi Ti Pi Ei, m k M G T P E or e<exp>)',
  range: 'be a quantity within range',
  negative: 'not be negative',
  fraction: 'be a whole number',
} as const;

/** A fault key from {@link QUANTITY_FAULTS}. */
export type QuantityFault = keyof typeof QUANTITY_FAULTS;

/** Parse outcome: the quantity, or the fault. Never throws. */
export type QuantityResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly fault: QuantityFault };

/** Largest decimal exponent accepted; beyond it no GPU quantity makes sense and big powers cost time. */
export const MAX_ABS_EXP10 = 64;
