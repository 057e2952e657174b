import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpEvent, lambdaContext } from '../../test/fixtures/admission/http.ts';
import { AppError } from '../core/errors.ts';
import { httpJsonBody, httpJsonHandler } from './http-json-body.ts';
import { jsonResponse } from './http-response.ts';

const schema = z.object({ name: z.string({ error: 'be a name' }), size: z.number({ error: 'be a number' }) });

function handlerWith(options: { maxBytes?: number } = {}) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpJsonBody({ schema, ...options }))
    .handler(httpJsonHandler<z.output<typeof schema>>((body, event) => Promise.resolve(jsonResponse(200, { body, path: event.rawPath }))));
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('Middleware: httpJsonBody', () => {
  it.each([
    { name: 'plain JSON text', event: httpEvent({ name: 'a', size: 1 }) },
    { name: 'base64 JSON (isBase64Encoded)', event: httpEvent({ name: 'a', size: 1 }, { base64: true }) },
  ])('hands the handler the validated body and the original event: $name', async ({ event }) => {
    const response = await handlerWith()(event, lambdaContext());
    expect(JSON.parse(response.body ?? '')).toEqual({ body: { name: 'a', size: 1 }, path: '/mutate-v1-pod' });
  });

  it.each([
    { name: 'no body', event: { ...httpEvent(''), body: undefined } as unknown as APIGatewayProxyEventV2, message: 'body must be present' },
    { name: 'an empty body', event: httpEvent(''), message: 'body must be present' },
    { name: 'text that is not JSON', event: httpEvent('{nope'), message: 'body must be JSON, got "' },
    { name: 'a body over maxBytes', event: httpEvent({ name: 'x'.repeat(100), size: 1 }), maxBytes: 50, message: 'body must be at most 50 bytes, got 120' },
    { name: 'every schema issue, each with its path', event: httpEvent({ size: 'big' }), message: 'body.name must be a name; body.size must be a number, got "big"' },
  ])('throws INVALID_INPUT for $name', async ({ event, maxBytes, message }) => {
    const error = await failure(handlerWith(maxBytes === undefined ? {} : { maxBytes })(event, lambdaContext()));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(message);
    expect(error.details['issues']).toBeInstanceOf(Array);
  });

  it('rejects bad options at wiring time', () => {
    expect(() => httpJsonBody({ schema: 'nope' as never })).toThrow('httpJsonBody option schema must be a zod schema');
  });

  it('fails loudly when the handler is wired without it', async () => {
    const bare = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>().handler(httpJsonHandler(() => Promise.resolve(jsonResponse(200, {}))));
    const error = await failure(bare(httpEvent({}), lambdaContext()));
    expect([error.code, error.message]).toEqual(['INTERNAL', 'the HTTP handler needs the httpJsonBody middleware before it']);
  });
});
