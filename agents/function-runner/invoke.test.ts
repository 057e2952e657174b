import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { invokeHandler } from './invoke.ts';

const event = { eventSource: 'SelfManagedKafka' as const, bootstrapServers: 'k:1', records: {} };
const context = {} as Context;

describe('Function: invokeHandler()', () => {
  it('heartbeats while a long handler runs, and stops when it returns', async () => {
    vi.useFakeTimers();
    const heartbeat = vi.fn(async () => { throw new Error('rebalancing'); });
    const running = invokeHandler({ handler: () => new Promise((resolve) => { setTimeout(() => resolve({ batchItemFailures: [] }), 3_500); }), event, context, heartbeat, heartbeatEveryMs: 1_000 });
    await vi.advanceTimersByTimeAsync(3_500);
    await expect(running).resolves.toEqual({ kind: 'answered', failures: [] });
    expect(heartbeat).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(heartbeat).toHaveBeenCalledTimes(3);
    vi.useRealTimers();
  });

  it.each([
    { name: 'a thrown plain error counts as INTERNAL', thrown: new TypeError('x is undefined'), code: 'INTERNAL' },
    { name: 'a thrown string counts as INTERNAL', thrown: 'nope', code: 'INTERNAL' },
  ])('$name', async ({ thrown, code }) => {
    const outcome = await invokeHandler({ handler: () => { throw thrown; }, event, context, heartbeat: async () => undefined, heartbeatEveryMs: 1_000 });
    expect(outcome).toMatchObject({ kind: 'threw', error: { code } });
  });
});
