import { z } from 'zod';

/** Kubernetes object name (DNS-1123 subdomain), the rule for pool, profile and workload names. */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
/** Kubernetes container name (DNS-1123 label). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9_. -]*$/;
const WHOLE = /^[0-9]+$/;

/** A zod string field that fails with `rule` (phrased to follow "must") and keeps the value received. */
export function checkedText<T>(rule: string, convert: (text: string) => T | undefined) {
  return z.string().transform((text, ctx) => {
    const value = convert(text);
    if (value !== undefined) return value;
    ctx.addIssue({ code: 'custom', message: rule, input: text });
    return z.NEVER;
  });
}

/** `"true"` or `"false"`, exactly, as Kubernetes writes booleans in annotations. */
export const booleanText = checkedText('be "true" or "false"', (text) =>
  text === 'true' ? true : text === 'false' ? false : undefined);

/** One value out of `values`. */
export function enumText<const T extends readonly string[]>(values: T, aliases: Readonly<Record<string, T[number]>> = {}) {
  return checkedText(`be one of ${values.join(', ')}`, (text): T[number] | undefined =>
    (values as readonly string[]).includes(text) ? text : Object.hasOwn(aliases, text) ? aliases[text] : undefined);
}

/** A whole number in [min, max], digits only (no sign, no decimals, no spaces). */
export function wholeText(min: number, max: number, rule: string) {
  return checkedText(rule, (text) => {
    if (!WHOLE.test(text) || text.length > 10) return undefined;
    const value = Number(text);
    return value >= min && value <= max ? value : undefined;
  });
}

/** A Kubernetes object name. */
export const objectNameText = checkedText('be a Kubernetes object name (lowercase letters, digits, "-" and ".", at most 253)',
  (text) => (text.length <= 253 && DNS_SUBDOMAIN.test(text) ? text : undefined));

/** Split a comma list, trimming each entry; undefined when an entry is empty or fails `valid`. */
export function splitList(text: string, valid: (entry: string) => boolean): string[] | undefined {
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every((entry) => entry.length > 0 && valid(entry)) ? entries : undefined;
}

/** A comma list whose entries all pass `valid`, with no duplicates. */
export function listText(rule: string, valid: (entry: string) => boolean) {
  return checkedText(rule, (text) => {
    const entries = splitList(text, valid);
    return entries !== undefined && new Set(entries).size === entries.length ? entries : undefined;
  });
}

/** A GPU model name like `A100`, `NVIDIA H100 80GB HBM3` or `L40s`. */
export const isModelName = (text: string): boolean => text.length <= 100 && MODEL_NAME.test(text);
/** A container name. */
export const isContainerName = (text: string): boolean => text.length <= 63 && DNS_LABEL.test(text);
/** A device index 0-1023, written without leading zeros (so `0,00` cannot name one GPU twice). */
export const isIndex = (text: string): boolean => /^(0|[1-9][0-9]{0,3})$/.test(text) && Number(text) < 1024;
