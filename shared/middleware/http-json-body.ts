import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { formatIssue, invalidInput } from '../core/model/issue.ts';
import { dotPath, formatZodIssues } from '../schemas/format-issues.ts';
import { hasMethod, parseOptions } from './parse-options.ts';

/** Options of {@link httpJsonBody}. */
export interface HttpJsonBodyOptions {
  /** The schema of the body; the handler receives its output. */
  readonly schema: z.ZodType;
  /** Largest body accepted, in bytes (default 3 MiB, the API server's request limit). */
  readonly maxBytes?: number;
}

const optionsSchema = z.strictObject({
  schema: z.custom<z.ZodType>((value) => hasMethod(value, 'safeParse'), { error: 'be a zod schema' }),
  maxBytes: z.number().int().min(1).default(3 * 1024 * 1024),
});

/** The HTTP event the handler sees once {@link httpJsonBody} ran: the same event, its body parsed and validated. */
export interface ParsedHttpEvent<T> {
  readonly kind: 'parsed-http-event';
  readonly event: APIGatewayProxyEventV2;
  readonly body: T;
}

const invalid = (rule: string, received?: unknown): AppError => {
  const found = invalidInput('body', rule, received);
  return new AppError('INVALID_INPUT', formatIssue(found), { details: { issues: [found] } });
};

/** The body of an API Gateway HTTP API (payload 2.0) or function URL event, as text. */
function bodyText(event: APIGatewayProxyEventV2, maxBytes: number): string {
  if (typeof event !== 'object' || event === null || typeof event.body !== 'string' || event.body.length === 0) throw invalid('be present');
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text) > maxBytes) throw invalid(`be at most ${maxBytes} bytes`, Buffer.byteLength(text));
  return text;
}

/** Parse and validate an HTTP event's JSON body; every schema issue is reported, joined with "; ". */
export function parseJsonBody<T>(event: APIGatewayProxyEventV2, options: { schema: z.ZodType<T>; maxBytes: number }): T {
  let json: unknown;
  try {
    json = JSON.parse(bodyText(event, options.maxBytes));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid('be JSON', (error as Error).message);
  }
  const parsed = options.schema.safeParse(json, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issues = formatZodIssues(parsed.error.issues, (path) => dotPath(['body', ...path]));
  throw new AppError('INVALID_INPUT', issues.map(formatIssue).join('; '), { details: { issues } });
}

/**
 * `before`: decode the event body (base64 when `isBase64Encoded`), parse it as JSON and validate it with
 * `schema`, replacing the event with a {@link ParsedHttpEvent}. Anything unreadable throws
 * `INVALID_INPUT` naming the place (`body.request.uid must ...`), for `httpErrorResponse` to answer.
 */
export function httpJsonBody(options: HttpJsonBodyOptions): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const { schema, maxBytes } = parseOptions('httpJsonBody', optionsSchema, options);
  return {
    name: 'httpJsonBody',
    before: (request) => {
      const parsed: ParsedHttpEvent<unknown> = { kind: 'parsed-http-event', event: request.event, body: parseJsonBody(request.event, { schema, maxBytes }) };
      (request as { event: unknown }).event = parsed;
    },
  };
}

/** Whether `value` is an event {@link httpJsonBody} parsed. */
export const isParsedHttpEvent = (value: unknown): value is ParsedHttpEvent<unknown> =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'parsed-http-event';

/** An HTTP function's logic: the validated body in, the HTTP response out. */
export type HttpJsonFn<T> = (body: T, event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Adapt `fn` to middy's handler slot, typed by what Lambda sends and answers. Checks at run time that
 * `httpJsonBody` ran, so a handler wired without it fails loudly instead of reading a raw body.
 */
export function httpJsonHandler<T>(fn: HttpJsonFn<T>): (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2> {
  return async (event, context) => {
    const parsed: unknown = event;
    if (!isParsedHttpEvent(parsed)) throw new AppError('INTERNAL', 'the HTTP handler needs the httpJsonBody middleware before it');
    return fn(parsed.body as T, parsed.event, context);
  };
}
