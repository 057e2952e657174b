import { z } from 'zod';
import { parseQuantity } from '../core/quantity/parse-quantity.ts';
import { toScaledInteger } from '../core/quantity/to-integer.ts';
import type { QuantityFault } from '../core/quantity/quantity.ts';

/** Rule texts per kind of quantity, phrased to follow "must". */
const RULES = {
  tflops: {
    empty: 'be a TFLOPS amount like 10 or 500m, not empty',
    syntax: 'be a TFLOPS amount like 10, 2.5 or 500m (Kubernetes quantity)',
    range: 'be a TFLOPS amount within range',
    negative: 'not be negative',
    fraction: 'have at most 3 decimals (1m = 0.001 TFLOPS)',
  },
  vram: {
    empty: 'be a byte quantity like 4Gi or 512Mi, not empty',
    syntax: 'be a byte quantity like 4Gi or 512Mi (Kubernetes quantity; use Gi, not GB)',
    range: 'be less than 8Pi',
    negative: 'not be negative',
    fraction: 'be a whole number of bytes',
  },
  percent: {
    empty: 'be a percentage from 0 to 100, not empty',
    syntax: 'be a percentage from 0 to 100 like 50',
    range: 'be a percentage from 0 to 100',
    negative: 'not be negative',
    fraction: 'have at most 3 decimals',
  },
} as const satisfies Record<string, Record<QuantityFault, string>>;

/** The three kinds of amount a workload states: TFLOPS (thousandths), VRAM (bytes), compute percent (thousandths). */
export type AmountKind = keyof typeof RULES;

const SCALE: Record<AmountKind, number> = { tflops: 3, vram: 0, percent: 3 };
const MAX: Record<AmountKind, number> = { tflops: Number.MAX_SAFE_INTEGER, vram: Number.MAX_SAFE_INTEGER, percent: 100_000 };

/**
 * Convert quantity text to the integer unit of `kind`, or the rule it breaks. Pure; never throws.
 * TFLOPS and percent come back in thousandths, VRAM in bytes.
 */
export function parseAmount(text: string, kind: AmountKind): { ok: true; value: number } | { ok: false; rule: string } {
  const parsed = parseQuantity(text);
  if (!parsed.ok) return { ok: false, rule: RULES[kind][parsed.fault] };
  const scaled = toScaledInteger(parsed.value, SCALE[kind]);
  if (!scaled.ok) return { ok: false, rule: RULES[kind][scaled.fault] };
  if (scaled.value > MAX[kind]) return { ok: false, rule: RULES[kind].range };
  return scaled;
}

/** Kubernetes' own quantity pattern, as the CRD schema of a `resource.Quantity` field states it. */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

function toAmount(kind: AmountKind) {
  return (raw: string | number, ctx: z.RefinementCtx<string | number>): number => {
    const parsed = parseAmount(String(raw), kind);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.rule, input: raw });
    return z.NEVER;
  };
}

/** A zod field for quantity text in an annotation, converted to the integer unit of `kind`. */
export function amountText(kind: AmountKind) {
  return z.string().transform(toAmount(kind));
}

/**
 * A zod field for a quantity in a manifest (`"4Gi"` or a YAML number), converted to the integer unit of
 * `kind`. Marked `quantity` so the CRD generator emits `x-kubernetes-int-or-string` with the pattern.
 */
export function amountField(kind: AmountKind) {
  const unit = kind === 'vram' ? 'Bytes' : kind === 'tflops' ? 'FP16 TFLOPS' : 'Percent of the GPU';
  return z.union([z.string(), z.number()]).transform(toAmount(kind)).meta({ quantity: true, description: `${unit}, as a Kubernetes quantity` });
}
