import type { MiddlewareObj, Request } from '@middy/core';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { formatIssue, type Issue } from '../core/model/issue.ts';
import { dotPath, formatZodIssues } from '../schemas/format-issues.ts';
import { decodeRecord, type RecordInput, type Scope, type TopicSchemas } from './decode-record.ts';
import { itemIdentifierOf, type KafkaBatch, type KafkaBatchResponse, type KafkaRecord, type RejectedRecord } from './kafka-batch.ts';
import { lambdaKafkaEventSchema, type LambdaKafkaEvent, recordLocationSchema } from './kafka-event-schema.ts';
import { hasMethod, parseOptions } from './parse-options.ts';
import { compactIssue } from './shorten.ts';
import { clusterIdField } from '../schemas/events/event-fields.ts';

/** Options of {@link decodeKafkaRecords}. */
export interface DecodeKafkaRecordsOptions {
  /** The schema of each consumed topic's values, by topic name: usually the topic's event union. */
  readonly schemas: TopicSchemas;
  /**
   * The one cluster this deployment acts for (`CLUSTER_ID`): a record whose value names another valid cluster
   * is acknowledged untouched (that cluster's deployment acts on it or parks it), before its schema is
   * checked; one naming no valid cluster is decoded as usual. Every cluster's records when absent.
   */
  readonly clusterId?: string | undefined;
}

const optionsSchema = z.strictObject({
  schemas: z.record(
    z.string().min(1, { error: 'be a topic name' }),
    z.custom<z.ZodType>((value) => hasMethod(value, 'safeParse'), { error: 'be a zod schema' }),
    { error: 'be an object of zod schemas keyed by topic' },
  ).refine((schemas) => Object.keys(schemas).length > 0, { error: 'name at least one topic' }),
  clusterId: clusterIdField.optional(),
});

const invalidEvent = (issues: readonly Issue[]): AppError =>
  new AppError('INVALID_INPUT', `not a Lambda Kafka event: ${issues.map(formatIssue).join('; ')}`, { details: { issues } });

/** Every record with its location; throws when the event, or any record's topic/partition/offset, is unreadable. */
function locateRecords(event: unknown): { eventSource: string; located: RecordInput[] } {
  const parsed = lambdaKafkaEventSchema.safeParse(event, { reportInput: true });
  if (!parsed.success) throw invalidEvent(formatZodIssues(parsed.error.issues, dotPath).map((found) => compactIssue(found)));
  const located: RecordInput[] = [];
  const issues: Issue[] = [];
  for (const [group, records] of Object.entries(parsed.data.records)) {
    records.forEach((raw, index) => {
      const location = recordLocationSchema.safeParse(raw, { reportInput: true });
      if (!location.success) {
        issues.push(...formatZodIssues(location.error.issues, (path) => dotPath(['records', group, index, ...path])).map((found) => compactIssue(found)));
        return;
      }
      const { topic, partition, offset } = location.data;
      located.push({ raw: location.data, location: { topic, partition, offset, itemIdentifier: itemIdentifierOf(location.data) }, group, index });
    });
  }
  if (issues.length > 0) throw invalidEvent(issues);
  return { eventSource: parsed.data.eventSource, located };
}

/** Decode every record of `event` into a {@link KafkaBatch}, collecting every bad record with all its issues; with `clusterId`, other clusters' records are left out (acknowledged). */
export function decodeKafkaEvent<T>(event: unknown, schemas: TopicSchemas, clusterId?: string): KafkaBatch<T> {
  const scope: Scope = { schemas, clusterId };
  const { eventSource, located } = locateRecords(event);
  const records: KafkaRecord<T>[] = [];
  const rejected: RejectedRecord[] = [];
  for (const input of located) {
    const result = decodeRecord<T>(input, scope);
    if (result.ok === true) records.push(result.record);
    else if (result.ok === false) rejected.push(result.rejected);
  }
  return { kind: 'kafka-batch', eventSource, records, rejected };
}

/**
 * `before`: replace the Lambda Kafka event with a decoded {@link KafkaBatch}. Each record's base64 key and
 * value are decoded, headers turned into text, a value sent with `content-encoding: gzip` gunzipped, the
 * value JSON-parsed and validated by its topic's schema.
 * Bad records are not thrown: they go to `batch.rejected` with every issue, each naming its place
 * (`records["gpu-metrics-3"][12].value.data.gpus[0].uuid`), for `deadLetter` to park. Only an event whose
 * own shape is broken (not a Kafka event, a record without topic/partition/offset) throws `INVALID_INPUT`.
 */
export function decodeKafkaRecords(options: DecodeKafkaRecordsOptions): MiddlewareObj<LambdaKafkaEvent, KafkaBatchResponse> {
  const { schemas, clusterId } = parseOptions('decodeKafkaRecords', optionsSchema, options);
  return {
    name: 'decodeKafkaRecords',
    before: (request) => {
      (request as Request<unknown>).event = decodeKafkaEvent(request.event, schemas, clusterId);
    },
  };
}
