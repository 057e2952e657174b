import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from './suggest.ts';

const KEYS = ['tflops-request', 'tflops-limit', 'vram-request', 'vram-limit', 'gpu-count', 'gpupool', 'qos', 'gpu-model', 'workload'];

describe('Function: editDistance()', () => {
  it.each([
    { name: 'equal strings', a: 'same', b: 'same', expected: 0 },
    { name: 'both empty', a: '', b: '', expected: 0 },
    { name: 'empty to text', a: '', b: 'abc', expected: 3 },
    { name: 'text to empty', a: 'abc', b: '', expected: 3 },
    { name: 'one substitution', a: 'qos', b: 'qas', expected: 1 },
    { name: 'one insertion', a: 'gpupol', b: 'gpupool', expected: 1 },
    { name: 'one deletion', a: 'workloads', b: 'workload', expected: 1 },
    { name: 'classic kitten/sitting', a: 'kitten', b: 'sitting', expected: 3 },
    { name: 'flaw/lawn', a: 'flaw', b: 'lawn', expected: 2 },
    { name: 'transposition costs two', a: 'ab', b: 'ba', expected: 2 },
    { name: 'case counts', a: 'QOS', b: 'qos', expected: 3 },
    { name: 'completely different', a: 'abcd', b: 'wxyz', expected: 4 },
  ])('$name', ({ a, b, expected }) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });

  it.each([
    { name: 'length difference reaches the cap', a: 'abc', b: 'abcdef', cap: 2, expected: 2 },
    { name: 'length difference equals the cap exactly', a: 'ab', b: 'abcd', cap: 2, expected: 2 },
    { name: 'every row exceeds the cap', a: 'abcd', b: 'wxyz', cap: 2, expected: 2 },
    { name: 'cap of zero on different text', a: 'a', b: 'b', cap: 0, expected: 0 },
    { name: 'distance below the cap is exact', a: 'kitten', b: 'sitting', cap: 10, expected: 3 },
    { name: 'distance equal to the cap', a: 'ab', b: 'ba', cap: 2, expected: 2 },
    { name: 'equal strings under a cap', a: 'same', b: 'same', cap: 1, expected: 0 },
  ])('cap: $name', ({ a, b, cap, expected }) => {
    expect(editDistance(a, b, cap)).toBe(expected);
  });

  it('is exact below the cap, and otherwise either exact or the cap (a lower bound, not a clamp)', () => {
    const words = ['', 'a', 'ab', 'abc', 'gpu', 'gpupool', 'gpu-pool', 'vram-limit', 'vram-request', 'qos'];
    for (const a of words) {
      for (const b of words) {
        const exact = editDistance(a, b);
        for (const cap of [0, 1, 2, 3, 5]) {
          const got = editDistance(a, b, cap);
          const expected = exact < cap ? [exact] : [exact, cap];
          expect({ a, b, cap, ok: expected.includes(got) }).toStrictEqual({ a, b, cap, ok: true });
        }
      }
    }
  });

  it('may return the exact distance above the cap when no row reaches it', () => {
    // 'abc' has fewer rows than the cap, so each row minimum stays below 5 and the exact 7 comes back.
    expect(editDistance('abc', 'gpupool', 5)).toBe(7);
  });
});

describe('Function: suggest()', () => {
  it.each([
    { name: 'missing letter', input: 'gpupol', expected: 'gpupool' },
    { name: 'swapped letters in a long key', input: 'tflops-reqeust', expected: 'tflops-request' },
    { name: 'one wrong letter', input: 'vram-limlt', expected: 'vram-limit' },
    { name: 'extra letter', input: 'workloads', expected: 'workload' },
    { name: 'exact match', input: 'qos', expected: 'qos' },
    { name: 'short name allows one edit', input: 'qas', expected: 'qos' },
    { name: 'dash missing', input: 'gpucount', expected: 'gpu-count' },
    { name: 'three edits on a long name', input: 'tflops-rqst', expected: 'tflops-request' },
  ])('suggests $expected for $name ($input)', ({ input, expected }) => {
    expect(suggest(input, KEYS)).toBe(expected);
  });

  it.each([
    { name: 'unrelated name', input: 'replicas' },
    { name: 'two edits on a short name', input: 'qxx' },
    { name: 'four edits on a long name (over the cap of 3)', input: 'tflops-rq' },
    { name: 'empty name', input: '' },
    { name: 'far longer name', input: 'tflops-request-and-limit' },
  ])('suggests nothing for $name', ({ input }) => {
    expect(suggest(input, KEYS)).toBeUndefined();
  });

  it('suggests nothing from no candidates', () => {
    expect(suggest('qos', [])).toBeUndefined();
  });

  it('takes the closest candidate, whatever the order', () => {
    expect(suggest('vram-limits', ['vram-limit-x', 'vram-limit'])).toBe('vram-limit');
    expect(suggest('vram-limits', ['vram-limit', 'vram-limit-x'])).toBe('vram-limit');
  });

  it('keeps the first of equally close candidates', () => {
    expect(suggest('gpu-a', ['gpu-b', 'gpu-c'])).toBe('gpu-b');
    expect(suggest('gpu-a', ['gpu-c', 'gpu-b'])).toBe('gpu-c');
  });

  it.each([
    { name: '2-letter name: one edit', input: 'ab', near: 'ax', far: 'xy' },
    { name: '6-letter name: two edits', input: 'abcdef', near: 'abcdxy', far: 'abcxyz' },
    { name: '9-letter name: three edits', input: 'abcdefghi', near: 'abcdefxyz', far: 'abcdewxyz' },
    { name: '30-letter name: still three edits', input: 'a'.repeat(30), near: `${'a'.repeat(27)}bbb`, far: `${'a'.repeat(26)}bbbb` },
  ])('limit: $name', ({ input, near, far }) => {
    expect(suggest(input, [near])).toBe(near);
    expect(suggest(input, [far])).toBeUndefined();
  });

  it('accepts any iterable of candidates', () => {
    expect(suggest('gpupol', new Set(KEYS))).toBe('gpupool');
    function* names(): Generator<string> { yield 'alpha'; yield 'gpupool'; }
    expect(suggest('gpupol', names())).toBe('gpupool');
  });
});
