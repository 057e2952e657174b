import type { ConnectionOptions } from 'node:tls';
import kafkajs, { type Kafka, type SASLOptions } from 'kafkajs';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { formatIssue } from '../../core/model/issue.ts';
import { dotPath, formatZodIssues } from '../../schemas/format-issues.ts';
import { stderrKafkaLogger, toLogCreator, type KafkaLogger } from './kafka-logger.ts';

/** How to reach the brokers. */
export interface KafkaClientConfig {
  /** `host:port` of one or more brokers. */
  readonly brokers: readonly string[];
  /** Shows up in broker logs and quotas: the function or agent name. */
  readonly clientId: string;
  /** TLS: `true` for the system CAs, or Node TLS options (custom CA, client certificate). */
  readonly ssl?: boolean | ConnectionOptions;
  /** SASL: PLAIN, SCRAM-SHA-256/512 or OAUTHBEARER, as kafkajs takes it. */
  readonly sasl?: SASLOptions;
}

/** One broker address, `host:port`: the one rule every broker list (clients, runner, agents, function environment) checks. */
export const brokerAddress = z.string().regex(/^[^\s:,]+:\d{1,5}$/, { error: 'be host:port' });

const configSchema = z.strictObject({
  brokers: z.array(brokerAddress, { error: 'be a list of host:port' })
    .min(1, { error: 'name at least one broker' }),
  clientId: z.string({ error: 'be text' }).min(1, { error: 'not be empty' }),
  ssl: z.union([z.boolean(), z.looseObject({})], { error: 'be true, false or TLS options' }).optional(),
  sasl: z.looseObject({ mechanism: z.string({ error: 'be a SASL mechanism' }) }, { error: 'be SASL options' }).optional(),
});

/**
 * A kafkajs client. Logs at WARN and above go to `logger` (stderr JSON by default). Throws `INVALID_INPUT`
 * naming every bad setting. Connections open lazily, when a producer, consumer or admin connects.
 */
export function createKafkaClient(config: KafkaClientConfig, logger: KafkaLogger = stderrKafkaLogger): Kafka {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues, (path) => `kafka ${dotPath(path)}`);
    throw new AppError('INVALID_INPUT', issues.map(formatIssue).join('; '), { details: { issues } });
  }
  return new kafkajs.Kafka({
    brokers: [...config.brokers],
    clientId: config.clientId,
    ...(config.ssl === undefined ? {} : { ssl: config.ssl }),
    ...(config.sasl === undefined ? {} : { sasl: config.sasl }),
    logLevel: kafkajs.logLevel.WARN,
    logCreator: toLogCreator(logger),
  });
}
