import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, type ErrorCode } from '../core/errors.ts';
import { httpStatusFor, kafkaDispositionFor, toAppError } from './error-mapping.ts';

describe('Function: error mapping', () => {
  it.each<{ name: ErrorCode; status: number; disposition: 'retry' | 'dead-letter' }>([
    { name: 'INVALID_INPUT', status: 400, disposition: 'dead-letter' },
    { name: 'CONFLICTING_OPTIONS', status: 400, disposition: 'dead-letter' },
    { name: 'NOT_FOUND', status: 404, disposition: 'dead-letter' },
    { name: 'VERSION_CONFLICT', status: 409, disposition: 'retry' },
    { name: 'NO_CAPACITY', status: 409, disposition: 'retry' },
    { name: 'QUOTA_EXCEEDED', status: 403, disposition: 'dead-letter' },
    { name: 'THROTTLED', status: 429, disposition: 'retry' },
    { name: 'DEPENDENCY_UNAVAILABLE', status: 503, disposition: 'retry' },
    { name: 'INTERNAL', status: 500, disposition: 'dead-letter' },
  ])('$name: HTTP $status, Kafka $disposition', ({ name, status, disposition }) => {
    const error = new AppError(name, 'x');
    expect(httpStatusFor(error)).toBe(status);
    expect(kafkaDispositionFor(error)).toBe(disposition);
  });

  it('covers every code of the table', () => {
    expect(Object.keys(ERROR_CODES)).toHaveLength(9);
  });

  it.each<{ name: string; thrown: unknown; message: string }>([
    { name: 'an Error', thrown: new TypeError('x is undefined'), message: 'unexpected error: x is undefined' },
    { name: 'a string', thrown: 'oops', message: 'unexpected error: oops' },
  ])('turns $name into INTERNAL, keeping the cause', ({ thrown, message }) => {
    const error = toAppError(thrown);
    expect(error).toMatchObject({ code: 'INTERNAL', message, cause: thrown });
    expect(httpStatusFor(thrown)).toBe(500);
  });

  it('passes an AppError through', () => {
    const error = new AppError('THROTTLED', 'slow');
    expect(toAppError(error)).toBe(error);
  });
});
