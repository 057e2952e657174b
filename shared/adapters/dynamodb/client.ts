// The one place a DynamoDB client is configured, for the Lambda runtime and for dynalite alike.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where the table lives. */
export interface DynamoDbClientOptions {
  readonly region: string;
  /** A DynamoDB-compatible server (dynalite on loopback); the AWS endpoint for `region` when absent. */
  readonly endpoint?: string;
  /** Static credentials; the default AWS chain when absent, except on loopback (see below). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Attempts per call including the first (SDK default 3); throttling and 5xx are retried with backoff. */
  readonly maxAttempts?: number;
  /** Socket connect and response limits, so a hung dependency fails as DEPENDENCY_UNAVAILABLE. */
  readonly timeoutsMs?: { readonly connection: number; readonly request: number };
}

// dynalite accepts any credentials; without these the SDK would probe the EC2 metadata service.
const LOOPBACK_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const isLoopback = (endpoint: string): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);

/**
 * A document client (plain JS values in and out) for the state table. Attributes whose value is
 * `undefined` are dropped, so optional fields never need special casing.
 */
export function createDynamoDbClient(options: DynamoDbClientOptions): DynamoDBDocumentClient {
  const timeouts = options.timeoutsMs ?? { connection: 2_000, request: 5_000 };
  const credentials = options.credentials
    ?? (options.endpoint !== undefined && isLoopback(options.endpoint) ? LOOPBACK_CREDENTIALS : undefined);
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    requestHandler: { connectionTimeout: timeouts.connection, requestTimeout: timeouts.request },
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}
