import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import type { AppError } from '../core/errors.ts';
import { httpStatusFor, toAppError } from './error-mapping.ts';
import { jsonResponse } from './http-response.ts';
import { parseOptions } from './parse-options.ts';

/** Renders an error in the function's own format, or `undefined` to fall back to the plain JSON error. */
export type ErrorRenderer = (error: AppError, event: unknown) => APIGatewayProxyStructuredResultV2 | undefined;

/** Options of {@link httpErrorResponse}. */
export interface HttpErrorResponseOptions {
  /** For errors the function can answer in its protocol (an AdmissionReview that denies, with HTTP 200). */
  readonly render?: ErrorRenderer;
  /** Told about every error answered with a 5xx status (default: `console.error`). */
  readonly log?: (error: AppError) => void;
}

const optionsSchema = z.strictObject({
  render: z.function().optional(),
  log: z.function().optional(),
});

/**
 * `onError`: answer any error as an HTTP response instead of failing the invocation. The error becomes an
 * AppError (non-AppErrors are `INTERNAL`); `render` may answer it in the function's protocol, otherwise
 * the body is `{ code, message }` with the status from the error table (STYLE §4: one place per transport).
 */
export function httpErrorResponse(options: HttpErrorResponseOptions = {}): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  parseOptions('httpErrorResponse', optionsSchema, options);
  const log = options.log ?? ((error: AppError) => console.error(`${error.code}: ${error.message}`, error.cause ?? ''));
  return {
    name: 'httpErrorResponse',
    onError: (request) => {
      const error = toAppError(request.error);
      const status = httpStatusFor(error);
      if (status >= 500) log(error);
      request.response = options.render?.(error, request.event) ?? jsonResponse(status, { code: error.code, message: error.message });
    },
  };
}
