// serverless.yml's gpu-metrics batch size against Lambda's 6 MB synchronous payload: the Lambda event of a
// full batch of busy nodes' records (values and keys base64, headers as byte arrays) must stay well under it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFunction } from '../../agents/function-runner/load-function.ts';
import { toEventMessage } from '../../shared/adapters/kafka/event-message.ts';
import { toLambdaKafkaEvent } from '../../shared/adapters/kafka/lambda-event.ts';
import { busyNodeEvent } from '../fixtures/autoscaling/node-metrics-event.ts';

const REPO = join(import.meta.dirname, '..', '..');
/** Lambda's synchronous invocation payload limit (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
const PAYLOAD_LIMIT = 6_291_456;

/** Bytes of the Lambda event holding `count` copies of `event`'s Kafka record. */
function lambdaEventBytes(event: ReturnType<typeof busyNodeEvent>, count: number): number {
  const message = toEventMessage(event);
  const record = { topic: 'gpu-metrics', partition: 11, offset: '123456789012', timestamp: '1795867230000', key: message.key, value: message.value, headers: message.headers };
  const records = Array.from({ length: count }, (_, index) => ({ ...record, offset: String(123_456_789_012 + index) }));
  return Buffer.byteLength(JSON.stringify(toLambdaKafkaEvent(records, { eventSource: 'SelfManagedKafka', bootstrapServers: 'kafka-0.kafka.internal:9092' })));
}

describe('Config: gpu-metrics batch size (serverless.yml)', () => {
  const { batchSize = 0 } = loadFunction(join(REPO, 'serverless.yml'), { functionName: 'recommend-resources' });

  it('measures a busy node\'s record as the serverless.yml comment says: about 6.9 kB in the Lambda event', () => {
    const one = lambdaEventBytes(busyNodeEvent({ pods: 8, gpus: 8 }), 1);
    expect(one).toBeGreaterThan(6_500);
    expect(one).toBeLessThan(7_300);
  });

  it.each([
    { name: '8 pods on 8 GPUs: a full batch within 60 % of the limit', pods: 8, gpus: 8, containers: 1, share: 0.6 },
    { name: '8 pods of two containers each: a full batch still within 85 % of it', pods: 8, gpus: 8, containers: 2, share: 0.85 },
  ])('$name', ({ pods, gpus, containers, share }) => {
    expect(batchSize).toBeGreaterThan(100);
    expect(lambdaEventBytes(busyNodeEvent({ pods, gpus, containers }), batchSize)).toBeLessThan(share * PAYLOAD_LIMIT);
  });
});
