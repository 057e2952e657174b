import { z } from 'zod';

export const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
const DURATION = /^(?:[0-9]+(?:\.[0-9]+)?(?:h|m|s|ms))+$/;
const DURATION_PART = /([0-9]+(?:\.[0-9]+)?)(h|ms|m|s)/g;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * A decimal in [min, max] written as a string (TensorFusion writes every autoscaling number as a
 * string, reference §3.2) or a YAML number.
 */
export function decimalField(min: number, max: number, what: string) {
  const rule = `be ${what} from ${min} to ${max}`;
  return z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const value = typeof raw === 'number' ? raw : DECIMAL.test(raw) ? Number(raw) : Number.NaN;
    if (value >= min && value <= max) return value;
    ctx.addIssue({ code: 'custom', message: rule, input: raw });
    return z.NEVER;
  }).meta({ decimalString: true, description: `${what}, ${min}-${max}, as a string or number` });
}

/** Milliseconds in a Go-style duration (`30s`, `2h`, `1h30m`, `500ms`), or undefined when it is not one. */
export function parseDurationMs(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(DURATION_PART)) total += Number(amount) * (UNIT_MS[unit as string] as number);
  return Math.round(total);
}

/** A Go-style duration, converted to milliseconds. */
export const durationField = z.string().transform((text, ctx) => {
  const ms = parseDurationMs(text);
  if (ms !== undefined) return ms;
  ctx.addIssue({ code: 'custom', message: 'be a duration like 30s, 5m, 2h or 1h30m', input: text });
  return z.NEVER;
}).meta({ pattern: DURATION.source, description: 'Duration like 30s, 5m, 2h or 1h30m' });

const CRON_FIELD = /^[0-9A-Za-z*?,/-]+$/;

/** A five-field cron expression (minute hour day-of-month month day-of-week). */
export const cronField = z.string().refine(
  (text) => { const fields = text.trim().split(/\s+/); return fields.length === 5 && fields.every((f) => CRON_FIELD.test(f)); },
  { message: 'be a five-field cron expression like "0 9 * * 1-5"' },
).meta({ description: 'Five-field cron expression' });

/** A non-negative whole number. */
export const countField = z.number({ error: 'be a whole number' }).int({ error: 'be a whole number' }).min(0, { error: 'not be negative' });
