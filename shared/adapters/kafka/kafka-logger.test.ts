import kafkajs from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import { stderrKafkaLogger, toLogCreator, type KafkaLogEntry } from './kafka-logger.ts';

const { logLevel } = kafkajs;

describe('Adapter: kafka toLogCreator()', () => {
  it.each<{ name: string; level: number; expected: KafkaLogEntry['level'] }>([
    { name: 'ERROR', level: logLevel.ERROR, expected: 'error' },
    { name: 'WARN', level: logLevel.WARN, expected: 'warn' },
    { name: 'INFO', level: logLevel.INFO, expected: 'info' },
    { name: 'DEBUG', level: logLevel.DEBUG, expected: 'debug' },
  ])('routes a $name line to the logger, without kafkajs\'s own fields', ({ level, expected }) => {
    const entries: KafkaLogEntry[] = [];
    toLogCreator({ log: (entry) => entries.push(entry) })(level)({
      namespace: 'Producer', level, label: 'x', log: { timestamp: 't', logger: 'kafkajs', message: 'hello', broker: 'b:9092' },
    });
    expect(entries).toEqual([{ level: expected, namespace: 'Producer', message: 'hello', fields: { broker: 'b:9092' } }]);
  });

  it('the default logger writes one JSON line to stderr', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    stderrKafkaLogger.log({ level: 'warn', namespace: 'Consumer', message: 'rebalancing', fields: {} });
    expect(JSON.parse(String(spy.mock.calls[0]?.[0]))).toEqual({ source: 'kafkajs', level: 'warn', namespace: 'Consumer', message: 'rebalancing', fields: {} });
    spy.mockRestore();
  });
});
