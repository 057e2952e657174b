// DynamoDB and network errors become AppErrors here (STYLE §4): nothing above shared/adapters sees an
// SDK error class. Conditional-check failures are translated by the stores themselves, since only they
// know the current item to put in the details.

import { AppError } from '../../core/errors.ts';

/** The fields of an SDK v3 service error (or a Node socket error) this module looks at. */
interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $retryable?: { readonly throttling?: unknown };
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'ThrottlingException', 'Throttling',
  'TooManyRequestsException',
]);
const UNAVAILABLE = new Set(['InternalServerError', 'ServiceUnavailable', 'InternalFailure', 'TimeoutError', 'RequestTimeout']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ECONNABORTED']);

const shapeOf = (error: unknown): SdkErrorShape => (typeof error === 'object' && error !== null ? error : {});

/** Whether `error` is DynamoDB's answer to a write whose condition did not hold. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return shapeOf(error).name === 'ConditionalCheckFailedException';
}

/** Whether `error` is CreateTable's answer for a table that already exists. */
export function isResourceInUse(error: unknown): boolean {
  return shapeOf(error).name === 'ResourceInUseException';
}

/** The AppError code for a DynamoDB call that failed with `error`. */
export function errorCodeFor(error: unknown): 'THROTTLED' | 'DEPENDENCY_UNAVAILABLE' | 'INTERNAL' {
  const shape = shapeOf(error);
  const status = shape.$metadata?.httpStatusCode;
  if ((typeof shape.name === 'string' && THROTTLING.has(shape.name)) || shape.$retryable?.throttling === true || status === 429) {
    return 'THROTTLED';
  }
  if (typeof shape.name === 'string' && UNAVAILABLE.has(shape.name)) return 'DEPENDENCY_UNAVAILABLE';
  if (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) return 'DEPENDENCY_UNAVAILABLE';
  if (shape.$fault === 'server' || (typeof status === 'number' && status >= 500)) return 'DEPENDENCY_UNAVAILABLE';
  return 'INTERNAL';
}

/**
 * An AppError for a failed DynamoDB call: throttling → `THROTTLED`, 5xx, time-outs and socket errors →
 * `DEPENDENCY_UNAVAILABLE` (both retryable), anything else (validation, missing table) → `INTERNAL`.
 * `operation` names what was attempted (`get cluster#c1 / node#n1`); the SDK error is kept as `cause`.
 */
export function translateDynamoDbError(error: unknown, operation: string): AppError {
  if (error instanceof AppError) return error;
  const shape = shapeOf(error);
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const reason = error instanceof Error && error.message !== '' ? `${name}: ${error.message}` : name;
  return new AppError(errorCodeFor(error), `DynamoDB ${operation} failed (${reason})`, {
    details: { operation, awsError: name, ...(typeof shape.code === 'string' ? { errorCode: shape.code } : {}) },
    cause: error,
  });
}
