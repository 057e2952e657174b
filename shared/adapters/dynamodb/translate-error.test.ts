import {
  ConditionalCheckFailedException, InternalServerError, ProvisionedThroughputExceededException, RequestLimitExceeded,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { isConditionalCheckFailed, isResourceInUse, translateDynamoDbError } from './translate-error.ts';

const $metadata = { httpStatusCode: 400 };
const withFields = (name: string, fields: Record<string, unknown>): Error => Object.assign(new Error(`${name} happened`), { name, ...fields });

describe('Function: translateDynamoDbError()', () => {
  it.each([
    { name: 'provisioned throughput exceeded', error: new ProvisionedThroughputExceededException({ message: 'slow down', $metadata }), code: 'THROTTLED' },
    { name: 'request limit exceeded', error: new RequestLimitExceeded({ message: 'account limit', $metadata }), code: 'THROTTLED' },
    { name: 'generic throttling (name)', error: withFields('ThrottlingException', {}), code: 'THROTTLED' },
    { name: 'throttling flagged by the SDK', error: withFields('SomethingElse', { $retryable: { throttling: true } }), code: 'THROTTLED' },
    { name: 'HTTP 429', error: withFields('Unknown', { $metadata: { httpStatusCode: 429 } }), code: 'THROTTLED' },
    { name: 'internal server error', error: new InternalServerError({ message: 'oops', $metadata: { httpStatusCode: 500 } }), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'service unavailable', error: withFields('ServiceUnavailable', {}), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'any 5xx', error: withFields('Unknown', { $metadata: { httpStatusCode: 502 } }), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'server fault', error: withFields('Unknown', { $fault: 'server' }), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'request time-out', error: withFields('TimeoutError', {}), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'connection reset', error: withFields('Error', { code: 'ECONNRESET' }), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'missing table', error: new ResourceNotFoundException({ message: 'no table', $metadata }), code: 'INTERNAL' },
    { name: 'validation', error: withFields('ValidationException', { $fault: 'client', $metadata }), code: 'INTERNAL' },
    { name: 'not an Error at all', error: 'boom', code: 'INTERNAL' },
  ])('maps $name to $code', ({ error, code }) => {
    const translated = translateDynamoDbError(error, 'get p / s');
    expect(translated).toBeInstanceOf(AppError);
    expect(translated.code).toBe(code);
    expect(translated.message).toContain('DynamoDB get p / s failed');
    expect(translated.cause).toBe(error);
  });

  it('names the AWS error and keeps a socket error code in the details', () => {
    const translated = translateDynamoDbError(withFields('Error', { code: 'ECONNREFUSED' }), 'query c1');
    expect(translated.details).toEqual({ operation: 'query c1', awsError: 'Error', errorCode: 'ECONNREFUSED' });
    expect(translated.message).toBe('DynamoDB query c1 failed (Error: Error happened)');
  });

  it('passes an AppError through unchanged', () => {
    const original = new AppError('INTERNAL', 'bad item');
    expect(translateDynamoDbError(original, 'get')).toBe(original);
  });
});

describe('Function: isConditionalCheckFailed()', () => {
  it('recognises the SDK exception and nothing else', () => {
    expect(isConditionalCheckFailed(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata }))).toBe(true);
    expect(isConditionalCheckFailed(new Error('The conditional request failed'))).toBe(false);
    expect(isConditionalCheckFailed(undefined)).toBe(false);
    expect(isResourceInUse(withFields('ResourceInUseException', {}))).toBe(true);
    expect(isResourceInUse(null)).toBe(false);
  });
});
