import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_KEYS, DOMAIN } from './annotation-keys.ts';
import { annotationsSchema } from './annotations.ts';

const KNOWN: ReadonlySet<string> = new Set(Object.values(ANNOTATION_KEYS));

/** Keys: mostly known ones, plus random text, random keys under the domain, and prototype names. */
const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KNOWN) },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string().map((suffix) => DOMAIN + suffix) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty') },
);

/** Values: arbitrary text, plus near-valid ones so the success paths are exercised too. */
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('true', 'false', '1', '0', '4Gi', '4GB', '-1', '500m', 'a,b', 'a,,b', '0,1', 'tflops', 'high', ''),
  fc.array(fc.constantFrom('0', '1', 'a', ',', ' ', '.', 'G', 'i', 'm'), { maxLength: 8 }).map((parts) => parts.join('')),
);

const annotations = fc.dictionary(key, value, { maxKeys: 12 });

describe('Property: annotationsSchema over arbitrary string maps', () => {
  it('never throws, and every issue is placed at a known key with the value received', () => {
    fc.assert(fc.property(annotations, (raw) => {
      const result = annotationsSchema.safeParse(raw, { reportInput: true });
      for (const found of result.error?.issues ?? []) {
        const [first] = found.path;
        expect(typeof first === 'string' && KNOWN.has(first)).toBe(true);
        expect(found.path).toHaveLength(1);
        expect(found.input).toBe(raw[first as string]);
        expect(found.message.length).toBeGreaterThan(0);
      }
    }), { numRuns: 2000 });
  });

  it('keeps only known keys that were given, when it succeeds', () => {
    fc.assert(fc.property(annotations, (raw) => {
      const result = annotationsSchema.safeParse(raw);
      if (!result.success) return;
      for (const parsedKey of Object.keys(result.data)) {
        expect(KNOWN.has(parsedKey)).toBe(true);
        expect(Object.hasOwn(raw, parsedKey)).toBe(true);
      }
    }), { numRuns: 1000 });
  });

  it('reports exactly the failing known keys: parsing each key alone agrees with parsing the map', () => {
    fc.assert(fc.property(annotations, (raw) => {
      const together = annotationsSchema.safeParse(raw);
      const failedTogether = new Set((together.error?.issues ?? []).map((found) => String(found.path[0])));
      const failedAlone = new Set(Object.keys(raw).filter((k) => !annotationsSchema.safeParse({ [k]: raw[k] }).success));
      expect([...failedTogether].sort()).toStrictEqual([...failedAlone].sort());
    }), { numRuns: 500 });
  });
});
