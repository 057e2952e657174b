/**
 * The one error base class and the one table of error codes (STYLE §4).
 *
 * Expected outcomes (an invalid manifest, an unschedulable pod) are values, not exceptions;
 * `AppError` is thrown only for bad input at a boundary and for broken dependencies.
 */

/** Every error code, with its HTTP status, whether a retry can help, and the admission verdict. */
export const ERROR_CODES = {
  INVALID_INPUT: { status: 400, retryable: false, admission: 'deny' },
  CONFLICTING_OPTIONS: { status: 400, retryable: false, admission: 'deny' },
  NOT_FOUND: { status: 404, retryable: false, admission: 'deny' },
  VERSION_CONFLICT: { status: 409, retryable: true, admission: 'retry' },
  NO_CAPACITY: { status: 409, retryable: true, admission: 'allow' },
  QUOTA_EXCEEDED: { status: 403, retryable: false, admission: 'deny' },
  THROTTLED: { status: 429, retryable: true, admission: 'retry' },
  DEPENDENCY_UNAVAILABLE: { status: 503, retryable: true, admission: 'retry' },
  INTERNAL: { status: 500, retryable: false, admission: 'deny' },
} as const;

/** A code from {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** JSON-safe details carried by an error, for logs and API answers. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** The project's only error class: a code from the table, JSON-safe details, and the cause kept. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, options: { details?: ErrorDetails; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details ?? {};
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  /** Whether retrying the same input later can succeed. */
  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }
}

/** Whether `error` is an AppError with `code` (how callers tell a lost race or a bad input from other failures). */
export const hasErrorCode = (error: unknown, code: ErrorCode): error is AppError => error instanceof AppError && error.code === code;
