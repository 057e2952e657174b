import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { httpEvent, lambdaContext } from '../../test/fixtures/admission/http.ts';
import { AppError } from '../core/errors.ts';
import { httpErrorResponse, type HttpErrorResponseOptions } from './http-error-response.ts';
import { jsonResponse } from './http-response.ts';

function failingWith(error: unknown, options: HttpErrorResponseOptions = {}) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpErrorResponse(options))
    .handler(() => Promise.reject(error));
}

describe('Middleware: httpErrorResponse', () => {
  it.each([
    { name: 'INVALID_INPUT → 400', error: new AppError('INVALID_INPUT', 'body must be JSON'), status: 400, code: 'INVALID_INPUT' },
    { name: 'NOT_FOUND → 404', error: new AppError('NOT_FOUND', 'gone'), status: 404, code: 'NOT_FOUND' },
    { name: 'VERSION_CONFLICT → 409', error: new AppError('VERSION_CONFLICT', 'raced'), status: 409, code: 'VERSION_CONFLICT' },
    { name: 'DEPENDENCY_UNAVAILABLE → 503', error: new AppError('DEPENDENCY_UNAVAILABLE', 'apiserver down'), status: 503, code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'a non-AppError → 500 INTERNAL', error: new TypeError('boom'), status: 500, code: 'INTERNAL' },
  ])('answers $name with the code table\'s status', async ({ error, status, code }) => {
    const log = vi.fn();
    const response = await failingWith(error, { log })(httpEvent({}), lambdaContext());
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.body ?? '')).toMatchObject({ code });
    expect(log).toHaveBeenCalledTimes(status >= 500 ? 1 : 0);
  });

  it('lets the function answer in its own protocol, falling back when it declines', async () => {
    const render = (error: AppError) => (error.code === 'NOT_FOUND' ? jsonResponse(200, { denied: error.message }) : undefined);
    expect(await failingWith(new AppError('NOT_FOUND', 'gone'), { render })(httpEvent({}), lambdaContext())).toMatchObject({ statusCode: 200, body: '{"denied":"gone"}' });
    expect(await failingWith(new AppError('INVALID_INPUT', 'bad'), { render })(httpEvent({}), lambdaContext())).toMatchObject({ statusCode: 400 });
  });

  it('logs 5xx errors to the console by default', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await failingWith(new AppError('INTERNAL', 'bug'))(httpEvent({}), lambdaContext());
    expect(spy).toHaveBeenCalledWith('INTERNAL: bug', '');
    spy.mockRestore();
  });

  it('rejects bad options at wiring time', () => {
    expect(() => httpErrorResponse({ render: 3 as never })).toThrow('httpErrorResponse option render must be a function');
  });
});
