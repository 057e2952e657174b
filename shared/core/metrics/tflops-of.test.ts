import { describe, expect, it } from 'vitest';
import { tflopsOf } from './tflops-of.ts';

describe('Function: tflopsOf()', () => {
  it.each([
    { name: 'idle', percent: 0, milli: 312_000, expected: 0 },
    { name: 'full A100', percent: 100, milli: 312_000, expected: 312 },
    { name: 'half an H100', percent: 50, milli: 989_000, expected: 494.5 },
  ])('$name', ({ percent, milli, expected }) => {
    expect(tflopsOf(percent, milli)).toBeCloseTo(expected, 9);
  });
});
