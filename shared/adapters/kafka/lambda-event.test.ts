import { describe, expect, it } from 'vitest';
import { toLambdaKafkaEvent } from './lambda-event.ts';

describe('Adapter: kafka toLambdaKafkaEvent()', () => {
  it('groups records by topic-partition in arrival order, base64 key and value, headers as byte arrays', () => {
    const event = toLambdaKafkaEvent([
      { topic: 'gpu-metrics', partition: 3, offset: '12', timestamp: '1738324800000', key: Buffer.from('k'), value: Buffer.from('{"a":1}'), headers: { 'ce-type': 'gpu.metrics', multi: ['x', Buffer.from('y')], gone: undefined } },
      { topic: 'gpu-metrics', partition: 0, offset: 4, timestamp: 5, value: 'v' },
      { topic: 'gpu-metrics', partition: 3, offset: '13', timestamp: '1', key: null, value: null },
    ], { eventSource: 'aws:kafka', bootstrapServers: 'b-1:9092,b-2:9092', eventSourceArn: 'arn:aws:kafka:eu-west-1:1:cluster/c/1' });
    expect(event).toEqual({
      eventSource: 'aws:kafka',
      eventSourceArn: 'arn:aws:kafka:eu-west-1:1:cluster/c/1',
      bootstrapServers: 'b-1:9092,b-2:9092',
      records: {
        'gpu-metrics-3': [
          { topic: 'gpu-metrics', partition: 3, offset: 12, timestamp: 1738324800000, timestampType: 'CREATE_TIME', key: 'aw==', value: 'eyJhIjoxfQ==',
            headers: [{ 'ce-type': [...Buffer.from('gpu.metrics')] }, { multi: [120] }, { multi: [121] }] },
          { topic: 'gpu-metrics', partition: 3, offset: 13, timestamp: 1, timestampType: 'CREATE_TIME', value: '', headers: [] },
        ],
        'gpu-metrics-0': [{ topic: 'gpu-metrics', partition: 0, offset: 4, timestamp: 5, timestampType: 'CREATE_TIME', value: 'dg==', headers: [] }],
      },
    });
  });

  it('leaves eventSourceArn out for self-managed Kafka', () => {
    expect(toLambdaKafkaEvent([], { eventSource: 'SelfManagedKafka', bootstrapServers: 'k:9092' })).toEqual({ eventSource: 'SelfManagedKafka', bootstrapServers: 'k:9092', records: {} });
  });
});
