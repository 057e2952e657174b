// An incoming HTTPS request as the event API Gateway's HTTP API (payload format 2.0) would hand the same
// handler (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html),
// so the admission function runs unchanged behind this server, API Gateway or a function URL.
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** What a request carries besides its headers. */
export interface RequestFacts {
  readonly body: string;
  readonly requestId: string;
  readonly at: Date;
}

/** Headers with lowercase names, repeated ones joined with commas (as API Gateway does). */
function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/** The payload-2.0 event for `request` with its body read. */
export function toHttpEvent(request: IncomingMessage, facts: RequestFacts): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'https://admission-server');
  const method = request.method ?? 'GET';
  const headers = headersOf(request);
  return {
    version: '2.0',
    routeKey: `${method} ${url.pathname}`,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    body: facts.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local', apiId: 'admission-server', domainName: headers['host'] ?? 'admission-server', domainPrefix: 'admission-server',
      http: { method, path: url.pathname, protocol: `HTTP/${request.httpVersion}`, sourceIp: request.socket.remoteAddress ?? '', userAgent: headers['user-agent'] ?? '' },
      requestId: facts.requestId, routeKey: `${method} ${url.pathname}`, stage: '$default',
      time: facts.at.toISOString(), timeEpoch: facts.at.getTime(),
    },
  };
}
