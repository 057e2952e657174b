import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/core/errors.ts';
import { createBatchLimit, takeWithin } from './batch-limit.ts';

describe('Function: takeWithin()', () => {
  it.each([
    { name: 'all within both limits', sizes: [1, 2, 3], maxCount: 5, maxBytes: 10, expected: [1, 2, 3] },
    { name: 'stops at the count', sizes: [1, 1, 1], maxCount: 2, maxBytes: 10, expected: [1, 1] },
    { name: 'stops before the byte budget', sizes: [4, 4, 4], maxCount: 5, maxBytes: 9, expected: [4, 4] },
    { name: 'always one, even too large', sizes: [50, 1], maxCount: 5, maxBytes: 9, expected: [50] },
    { name: 'nothing from nothing', sizes: [], maxCount: 5, maxBytes: 9, expected: [] },
  ])('$name', ({ sizes, maxCount, maxBytes, expected }) => {
    expect(takeWithin(sizes, { maxCount, maxBytes, sizeOf: (size) => size })).toEqual(expected);
  });
});

describe('Function: createBatchLimit()', () => {
  const refused = new AppError('INTERNAL', 'MESSAGE_TOO_LARGE');
  const away = new AppError('DEPENDENCY_UNAVAILABLE', 'broker down');

  it('retries at the same size when a retry can help, halves when Kafka refused, drops one refused alone, restores on success', () => {
    const limit = createBatchLimit(8);
    expect(limit.failed(away, 8)).toBe('retry');
    expect(limit.current()).toBe(8);
    expect(limit.failed(refused, 8)).toBe('retry');
    expect(limit.current()).toBe(4);
    expect(limit.failed(refused, 3)).toBe('retry');
    expect(limit.current()).toBe(1);
    expect(limit.failed(refused, 1)).toBe('drop');
    limit.succeeded();
    expect(limit.current()).toBe(8);
  });
});
