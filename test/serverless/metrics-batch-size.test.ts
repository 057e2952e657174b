// serverless.yml's gpu-metrics batch size against Lambda's 6 MB synchronous payload: the Lambda event of a
// full batch of busy nodes' records, as the node-agent sends them (values gzipped, content-encoding: gzip;
// in the event values and keys base64, headers as byte arrays), must stay well under it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFunction } from '../../agents/function-runner/load-function.ts';
import { gzipMessage, toEventMessage } from '../../shared/adapters/kafka/event-message.ts';
import { toLambdaKafkaEvent } from '../../shared/adapters/kafka/lambda-event.ts';
import { busyNodeEvent } from '../fixtures/autoscaling/node-metrics-event.ts';

const REPO = join(import.meta.dirname, '..', '..');
/** Lambda's synchronous invocation payload limit (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
const PAYLOAD_LIMIT = 6_291_456;
/** The most records a Lambda Kafka event source mapping batch may hold (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html). */
const ESM_MAX_BATCH = 10_000;

type Shape = { readonly pods: number; readonly gpus: number; readonly containers?: number };
/** The node-agent's message for a busy node of `shape`: gzipped unless `plain`. */
const messageOf = (shape: Shape, plain = false) => {
  const message = toEventMessage(busyNodeEvent(shape));
  return plain ? message : gzipMessage(message);
};

/** Bytes of the Lambda event holding `count` copies of `shape`'s Kafka record. */
function lambdaEventBytes(shape: Shape, count: number, plain = false): number {
  const message = messageOf(shape, plain);
  const record = { topic: 'gpu-metrics', partition: 11, offset: '123456789012', timestamp: '1795867230000', key: message.key, value: message.value, headers: message.headers };
  const records = Array.from({ length: count }, (_, index) => ({ ...record, offset: String(123_456_789_012 + index) }));
  return Buffer.byteLength(JSON.stringify(toLambdaKafkaEvent(records, { eventSource: 'SelfManagedKafka', bootstrapServers: 'kafka-0.kafka.internal:9092' })));
}

describe('Config: gpu-metrics batch size (serverless.yml)', () => {
  const { batchSize = 0 } = loadFunction(join(REPO, 'serverless.yml'), { functionName: 'recommend-resources' });
  const busy = { pods: 8, gpus: 8 };

  it('measures a busy node\'s record as the serverless.yml comment says: 4.4 kB of JSON, 1.2 kB gzipped, 2.1 kB in the Lambda event', () => {
    expect(Buffer.byteLength(messageOf(busy, true).value)).toBe(4_378);
    expect(Buffer.byteLength(messageOf(busy).value)).toBeGreaterThan(1_050);
    expect(Buffer.byteLength(messageOf(busy).value)).toBeLessThan(1_250);
    const one = lambdaEventBytes(busy, 2) - lambdaEventBytes(busy, 1);
    expect(one).toBeGreaterThan(1_950);
    expect(one).toBeLessThan(2_200);
  });

  it.each([
    { name: '8 pods on 8 GPUs: a full batch within 70 % of the limit', shape: busy, share: 0.7 },
    { name: '8 pods of two containers each: a full batch still within 85 % of it', shape: { ...busy, containers: 2 }, share: 0.85 },
  ])('$name', ({ shape, share }) => {
    expect(batchSize).toBeGreaterThan(100);
    expect(batchSize).toBeLessThanOrEqual(ESM_MAX_BATCH);
    expect(lambdaEventBytes(shape, batchSize)).toBeLessThan(share * PAYLOAD_LIMIT);
  });

  it('is the largest multiple of 500 that keeps both within 85 %: the next one would not', () => {
    expect(batchSize % 500).toBe(0);
    expect(lambdaEventBytes({ ...busy, containers: 2 }, batchSize + 500)).toBeGreaterThan(0.85 * PAYLOAD_LIMIT);
  });

  it('needs the gzip: plain JSON records (--metrics-compression none) would pass the limit, so Lambda would cut those batches by bytes', () => {
    expect(lambdaEventBytes(busy, batchSize, true)).toBeGreaterThan(PAYLOAD_LIMIT);
  });
});
