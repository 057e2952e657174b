import { describe, expect, it } from 'vitest';
import { createKafkaClient, type KafkaClientConfig } from './client.ts';
import { createKafkaConsumer, CONSUMER_DEFAULTS } from './consumer.ts';

describe('Adapter: kafka createKafkaClient()', () => {
  it('builds a client from valid settings (no connection is opened)', () => {
    const kafka = createKafkaClient({ brokers: ['localhost:9092'], clientId: 'allocate-gpus', ssl: true, sasl: { mechanism: 'plain', username: 'u', password: 'p' } });
    expect(typeof kafka.producer).toBe('function');
  });

  it.each<{ name: string; config: Partial<KafkaClientConfig>; message: string }>([
    { name: 'no brokers', config: { brokers: [] }, message: 'kafka brokers must name at least one broker' },
    { name: 'a broker without port', config: { brokers: ['localhost'] }, message: 'kafka brokers[0] must be host:port' },
    { name: 'an empty client id', config: { clientId: '' }, message: 'kafka clientId must not be empty' },
  ])('refuses $name, naming the setting', ({ config, message }) => {
    expect(() => createKafkaClient({ brokers: ['k:9092'], clientId: 'x', ...config } as KafkaClientConfig))
      .toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(message) }));
  });

  it('never echoes SASL secrets in its errors', () => {
    expect(() => createKafkaClient({ brokers: [], clientId: 'x', sasl: { mechanism: 'plain', username: 'u', password: 'hunter2' } }))
      .toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});

describe('Adapter: kafka createKafkaConsumer()', () => {
  it('joins the group with the defaults, overrides applied', () => {
    const configs: unknown[] = [];
    createKafkaConsumer({ consumer: (config) => { configs.push(config); return {} as never; } }, { groupId: 'vgpu-control.allocate-gpus', overrides: { maxWaitTimeInMs: 100 } });
    expect(configs).toEqual([{ ...CONSUMER_DEFAULTS, maxWaitTimeInMs: 100, groupId: 'vgpu-control.allocate-gpus' }]);
  });
});
