import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** An HTTP API (payload 2.0) response with a JSON body. */
export function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
