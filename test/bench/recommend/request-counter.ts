import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The DynamoDB requests `client` sends from now on (each one HTTP round trip to the table). */
export function requestCounter(client: DynamoDBDocumentClient): { count: () => number } {
  let sent = 0;
  client.middlewareStack.add((next) => async (args) => { sent += 1; return next(args); }, { step: 'initialize', name: 'benchRequestCounter' });
  return { count: () => sent };
}
