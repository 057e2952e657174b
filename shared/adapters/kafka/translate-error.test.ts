import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../core/errors.ts';
import { translateKafkaError } from './translate-error.ts';

const {
  KafkaJSConnectionError, KafkaJSRequestTimeoutError, KafkaJSNumberOfRetriesExceeded, KafkaJSNonRetriableError, KafkaJSProtocolError,
  KafkaJSTimeout, KafkaJSGroupCoordinatorNotFound, KafkaJSAggregateError, KafkaJSSASLAuthenticationError, KafkaJSBrokerNotFound,
} = kafkajs;

/** kafkajs's types declare some constructors without the message they take at run time. */
const make = (ErrorClass: unknown, message: string): Error => new (ErrorClass as new (text: string) => Error)(message);
const protocol = (type: string, retriable: boolean) => new KafkaJSProtocolError({ message: type, type, code: 1, retriable } as never);
const connection = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092', { broker: '127.0.0.1:9092' });

describe('Adapter: kafka translateKafkaError()', () => {
  it.each<{ name: string; error: unknown; code: ErrorCode; details?: Record<string, string> }>([
    { name: 'a connection error', error: connection, code: 'DEPENDENCY_UNAVAILABLE', details: { kafkaError: 'KafkaJSConnectionError', broker: '127.0.0.1:9092' } },
    { name: 'a request timeout', error: make(KafkaJSRequestTimeoutError, 'Request produce(key: 0) timed out'), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'retries exhausted on a connection error', error: new KafkaJSNumberOfRetriesExceeded(connection, { retryCount: 5, retryTime: 900 }), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'a retriable protocol error (leader moved)', error: protocol('NOT_LEADER_FOR_PARTITION', true), code: 'DEPENDENCY_UNAVAILABLE', details: { type: 'NOT_LEADER_FOR_PARTITION' } },
    { name: 'a kafkajs timeout (marked non-retriable)', error: make(KafkaJSTimeout, 'Timeout'), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'a missing group coordinator', error: make(KafkaJSGroupCoordinatorNotFound, 'no coordinator'), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'no broker found', error: make(KafkaJSBrokerNotFound, 'Broker 1 not found'), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'an aggregate of transient errors', error: new KafkaJSAggregateError('x', [connection, make(KafkaJSTimeout, 't')]), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'an aggregate with one fatal error', error: new KafkaJSAggregateError('x', [connection, protocol('TOPIC_AUTHORIZATION_FAILED', false)]), code: 'INTERNAL' },
    { name: 'an empty aggregate', error: new KafkaJSAggregateError('x', []), code: 'INTERNAL' },
    { name: 'a message too large', error: protocol('MESSAGE_TOO_LARGE', false), code: 'INTERNAL', details: { type: 'MESSAGE_TOO_LARGE' } },
    { name: 'a bail on an authorisation failure', error: new KafkaJSNonRetriableError(protocol('TOPIC_AUTHORIZATION_FAILED', false)), code: 'INTERNAL' },
    { name: 'a SASL failure', error: make(KafkaJSSASLAuthenticationError, 'SASL PLAIN authentication failed'), code: 'INTERNAL' },
    { name: 'a plain bug', error: new TypeError('cannot read x'), code: 'INTERNAL' },
    { name: 'a thrown string', error: 'nope', code: 'INTERNAL' },
  ])('$name → $code, cause kept', ({ error, code, details }) => {
    const translated = translateKafkaError(error, 'send to decisions');
    expect(translated).toBeInstanceOf(AppError);
    expect(translated.code).toBe(code);
    expect(translated.cause).toBe(error);
    expect(translated.message).toMatch(/^kafka send to decisions failed: /);
    expect(translated.details).toMatchObject({ operation: 'send to decisions', ...details });
  });

  it('passes an AppError through', () => {
    const error = new AppError('INVALID_INPUT', 'bad event');
    expect(translateKafkaError(error, 'send')).toBe(error);
  });
});
