import { describe, expect, it } from 'vitest';
import { lazyHandler } from './lazy-handler.ts';

describe('Middleware: lazyHandler()', () => {
  it('builds once, on the first call, and passes every call through', async () => {
    let builds = 0;
    const handler = lazyHandler(() => {
      builds++;
      return async (event: number, context: string) => `${context}:${event * 2}`;
    });
    expect(builds).toBe(0);
    expect([await handler(1, 'a'), await handler(2, 'b')]).toEqual(['a:2', 'b:4']);
    expect(builds).toBe(1);
  });

  it('fails the call whose build fails, and tries the build again on the next', async () => {
    let builds = 0;
    const handler = lazyHandler<number, string, number>(() => {
      builds++;
      throw new Error('KAFKA_BROKERS must be set');
    });
    expect(() => handler(1, 'a')).toThrow('KAFKA_BROKERS must be set');
    expect(() => handler(1, 'a')).toThrow('KAFKA_BROKERS');
    expect(builds).toBe(2);
  });
});
