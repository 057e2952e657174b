import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../../test/fixtures/admission/json-patch.ts';
import { diffJson, escapePointer, type JsonValue } from './json-patch.ts';

describe('Function: diffJson()', () => {
  it.each<{ name: string; before: JsonValue; after: JsonValue; patch: unknown[] }>([
    { name: 'equal documents give an empty patch', before: { a: [1, { b: 'x' }] }, after: { a: [1, { b: 'x' }] }, patch: [] },
    { name: 'key order does not matter', before: { a: 1, b: 2 }, after: { b: 2, a: 1 }, patch: [] },
    { name: 'a new key is added', before: { a: 1 }, after: { a: 1, b: { c: 2 } }, patch: [{ op: 'add', path: '/b', value: { c: 2 } }] },
    { name: 'a missing key is removed', before: { a: 1, b: 2 }, after: { a: 1 }, patch: [{ op: 'remove', path: '/b' }] },
    { name: 'a changed scalar is replaced at its path', before: { a: { b: 1 } }, after: { a: { b: 2 } }, patch: [{ op: 'replace', path: '/a/b', value: 2 }] },
    { name: 'a type change is replaced whole', before: { a: [1] }, after: { a: { 0: 1 } }, patch: [{ op: 'replace', path: '/a', value: { 0: 1 } }] },
    { name: 'appended array items are added by index', before: [1], after: [1, 2, 3], patch: [{ op: 'add', path: '/1', value: 2 }, { op: 'add', path: '/2', value: 3 }] },
    { name: 'dropped array items are removed from the end', before: [1, 2, 3], after: [1], patch: [{ op: 'remove', path: '/2' }, { op: 'remove', path: '/1' }] },
    { name: 'keys with / and ~ are escaped', before: {}, after: { 'tensor-fusion.ai/qos': 'high', 'a~b': 1 }, patch: [
      { op: 'add', path: '/tensor-fusion.ai~1qos', value: 'high' }, { op: 'add', path: '/a~0b', value: 1 },
    ] },
    { name: 'keys named like Object.prototype members are own keys', before: { valueOf: '' }, after: { toString: 1 }, patch: [
      { op: 'remove', path: '/valueOf' }, { op: 'add', path: '/toString', value: 1 },
    ] },
    { name: 'null and an object differ', before: { a: null }, after: { a: {} }, patch: [{ op: 'replace', path: '/a', value: {} }] },
    { name: 'an array and an object differ', before: { a: [] }, after: { a: {} }, patch: [{ op: 'replace', path: '/a', value: {} }] },
    { name: 'a changed root scalar is replaced at the root', before: 1, after: 2, patch: [{ op: 'replace', path: '', value: 2 }] },
  ])('$name', ({ before, after, patch }) => {
    expect(diffJson(before, after)).toEqual(patch);
    expect(applyJsonPatch(before, diffJson(before, after))).toEqual(after);
  });
});

describe('Function: escapePointer()', () => {
  it('escapes ~ before / (RFC 6901)', () => expect(escapePointer('~/')).toBe('~0~1'));
});
