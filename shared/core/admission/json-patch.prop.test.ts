import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../../test/fixtures/admission/json-patch.ts';
import { diffJson, type JsonValue } from './json-patch.ts';

const json = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<JsonValue>;

describe('Property: diffJson()', () => {
  it('applying the diff of a and b to a gives b', () => {
    fc.assert(fc.property(json, json, (a, b) => {
      expect(applyJsonPatch(a, diffJson(a, b))).toEqual(b);
    }), { numRuns: 500 });
  });

  it('a document against itself gives an empty patch', () => {
    fc.assert(fc.property(json, (a) => {
      expect(diffJson(a, structuredClone(a))).toEqual([]);
    }), { numRuns: 300 });
  });
});
