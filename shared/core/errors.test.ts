import { describe, expect, it } from 'vitest';
import type { ErrorCode } from './errors.ts';
import { AppError, ERROR_CODES, hasErrorCode } from './errors.ts';

/** The table from STYLE §4, written out again so a silent edit to ERROR_CODES fails here. */
const EXPECTED: readonly { name: ErrorCode; status: number; retryable: boolean; admission: 'deny' | 'retry' | 'allow' }[] = [
  { name: 'INVALID_INPUT', status: 400, retryable: false, admission: 'deny' },
  { name: 'CONFLICTING_OPTIONS', status: 400, retryable: false, admission: 'deny' },
  { name: 'NOT_FOUND', status: 404, retryable: false, admission: 'deny' },
  { name: 'VERSION_CONFLICT', status: 409, retryable: true, admission: 'retry' },
  { name: 'NO_CAPACITY', status: 409, retryable: true, admission: 'allow' },
  { name: 'QUOTA_EXCEEDED', status: 403, retryable: false, admission: 'deny' },
  { name: 'THROTTLED', status: 429, retryable: true, admission: 'retry' },
  { name: 'DEPENDENCY_UNAVAILABLE', status: 503, retryable: true, admission: 'retry' },
  { name: 'INTERNAL', status: 500, retryable: false, admission: 'deny' },
];

describe('Class: AppError', () => {
  it('is an Error named AppError carrying its code and message', () => {
    const error = new AppError('INVALID_INPUT', 'vram-request must be a quantity like 4Gi, got "4GB"');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(AppError);
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('must be a quantity like 4Gi');
    expect(String(error)).toBe('AppError: vram-request must be a quantity like 4Gi, got "4GB"');
  });

  it('defaults details to an empty object and sets no cause', () => {
    const error = new AppError('INTERNAL', 'boom');
    expect(error.details).toEqual({});
    expect('cause' in error).toBe(false);
  });

  it('keeps the details it is given', () => {
    const details = { issues: [{ path: ['spec', 'gpuCount'] }] };
    expect(new AppError('INVALID_INPUT', 'bad', { details }).details).toBe(details);
  });

  it('keeps the cause it is given', () => {
    const cause = new Error('ConditionalCheckFailedException');
    const error = new AppError('VERSION_CONFLICT', 'allocation changed', { cause, details: { version: 3 } });
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ version: 3 });
  });

  it('keeps a falsy non-undefined cause', () => {
    expect(new AppError('INTERNAL', 'odd', { cause: 0 }).cause).toBe(0);
  });

  it.each(EXPECTED)('$name maps to status $status, retryable $retryable', ({ name, status, retryable }) => {
    const error = new AppError(name, 'message');
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(retryable);
  });
});

describe('Table: ERROR_CODES', () => {
  it('lists exactly the documented codes', () => {
    expect(Object.keys(ERROR_CODES).sort()).toEqual(EXPECTED.map(({ name }) => name).sort());
  });

  it.each(EXPECTED)('$name has status, retryable and admission', ({ name, status, retryable, admission }) => {
    expect(ERROR_CODES[name]).toEqual({ status, retryable, admission });
  });
});

describe('Function: hasErrorCode()', () => {
  it.each([
    { name: 'an AppError with the code', error: new AppError('VERSION_CONFLICT', 'moved'), result: true },
    { name: 'an AppError with another code', error: new AppError('THROTTLED', 'slow down'), result: false },
    { name: 'a plain Error', error: new Error('VERSION_CONFLICT'), result: false },
    { name: 'not an error at all', error: { code: 'VERSION_CONFLICT' }, result: false },
  ])('$name', ({ error, result }) => expect(hasErrorCode(error, 'VERSION_CONFLICT')).toBe(result));
});
