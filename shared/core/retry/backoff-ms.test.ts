import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff-ms.ts';

describe('Function: backoffMs()', () => {
  it.each<{ name: string; attempt: number; jitter?: number; expected: number }>([
    { name: 'the first retry waits the base', attempt: 1, expected: 100 },
    { name: 'each retry doubles', attempt: 4, expected: 800 },
    { name: 'capped at the maximum', attempt: 10, expected: 5_000 },
    { name: 'huge attempt numbers stay capped', attempt: 10_000, expected: 5_000 },
    { name: 'attempt 0 is treated as the first', attempt: 0, expected: 100 },
    { name: 'equal jitter: a draw of 0 waits half', attempt: 3, jitter: 0, expected: 200 },
    { name: 'equal jitter: a draw near 1 waits nearly all', attempt: 3, jitter: 0.99, expected: 398 },
  ])('$name', ({ attempt, jitter, expected }) => {
    expect(backoffMs(attempt, { baseMs: 100, maxMs: 5_000 }, jitter)).toBe(expected);
  });
});
