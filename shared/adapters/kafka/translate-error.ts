import { AppError } from '../../core/errors.ts';

/**
 * kafkajs errors that kafkajs marks non-retriable (it does not retry them itself), yet a later attempt
 * can succeed: timeouts and a coordinator or broker that is away. Names from kafkajs 2.2.4 `src/errors.js`.
 */
const TRANSIENT_NAMES: ReadonlySet<string> = new Set([
  'KafkaJSConnectionError', 'KafkaJSConnectionClosedError', 'KafkaJSRequestTimeoutError', 'KafkaJSTimeout', 'KafkaJSLockTimeout',
  'KafkaJSBrokerNotFound', 'KafkaJSGroupCoordinatorNotFound', 'KafkaJSMetadataNotLoaded', 'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment', 'KafkaJSNoBrokerAvailableError',
]);

interface KafkaLikeError {
  readonly name: string;
  readonly message: string;
  readonly retriable?: unknown;
  readonly type?: unknown;
  readonly broker?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
}

const MAX_DEPTH = 5;

const isKafkaError = (error: unknown): error is KafkaLikeError =>
  error instanceof Error && error.name.startsWith('KafkaJS');

/**
 * Whether a retry can help: the error, or one it wraps (kafkajs wraps the last failure in
 * `KafkaJSNumberOfRetriesExceeded` or `KafkaJSNonRetriableError`), is retriable or transient. An aggregate
 * (several brokers answered) is transient only when all its errors are.
 */
function isTransient(error: unknown, depth = 0): boolean {
  if (!isKafkaError(error) || depth > MAX_DEPTH) return false;
  if (error.name === 'KafkaJSAggregateError' && Array.isArray(error.errors)) {
    return error.errors.length > 0 && error.errors.every((inner) => isTransient(inner, depth + 1));
  }
  if (error.retriable === true || TRANSIENT_NAMES.has(error.name)) return true;
  return error.cause !== error && isTransient(error.cause, depth + 1);
}

/** JSON-safe facts about a kafkajs error, for logs. */
function describe(error: unknown): Record<string, string> {
  if (!isKafkaError(error)) return {};
  return {
    kafkaError: error.name,
    ...(typeof error.type === 'string' ? { type: error.type } : {}),
    ...(typeof error.broker === 'string' ? { broker: error.broker } : {}),
  };
}

/**
 * Translate an error from kafkajs into an `AppError` at the adapter boundary (STYLE §4): retriable and
 * transient errors (broker away, timeouts, leader elections, retries exhausted on those) become
 * `DEPENDENCY_UNAVAILABLE`; anything else (authorisation, message too large, a bug) `INTERNAL`. The original
 * error is kept as `cause`. An `AppError` passes through unchanged.
 */
export function translateKafkaError(error: unknown, operation: string): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = isTransient(error) ? 'DEPENDENCY_UNAVAILABLE' : 'INTERNAL';
  return new AppError(code, `kafka ${operation} failed: ${message}`, { cause: error, details: { operation, ...describe(error) } });
}
