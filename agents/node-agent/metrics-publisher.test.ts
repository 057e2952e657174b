import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/core/errors.ts';
import type { AnyEvent } from '../../shared/schemas/events/any-event.ts';
import type { GpuMetricsEvent } from '../../shared/schemas/events/gpu-metrics.ts';
import { buildInventory, buildMetrics } from '../../test/fixtures/events.ts';
import { createDropOldestBuffer } from './drop-oldest-buffer.ts';
import { startMetricsPublisher } from './metrics-publisher.ts';

function recordingPublisher(failures: number) {
  const sent: { topic: string; events: readonly AnyEvent[] }[] = [];
  let left = failures;
  return {
    sent,
    publisher: {
      publish: async (topic: string, events: readonly AnyEvent[]) => {
        if (left-- > 0) throw new Error('broker down');
        sent.push({ topic, events });
      },
    },
  };
}

describe('Function: startMetricsPublisher()', () => {
  it('publishes the latest inventory per node first, then metrics in batches, and drains on stop', async () => {
    const buffer = createDropOldestBuffer<GpuMetricsEvent>(10);
    const { sent, publisher } = recordingPublisher(0);
    const loop = startMetricsPublisher({ publisher, buffer, batchSize: 2, retryDelayMs: 1, onError: () => undefined });
    loop.offerInventory(buildInventory());
    loop.offerInventory(buildInventory(undefined, { id: '00000000-0000-4000-8000-000000000002' }));
    for (let n = 0; n < 3; n += 1) buffer.push(buildMetrics());
    await loop.stop(1_000);
    expect(sent.map((call) => `${call.topic}:${call.events.length}`)).toEqual(['gpu-inventory:1', 'gpu-metrics:2', 'gpu-metrics:1']);
    expect(sent[0]?.events[0]?.id).toBe('00000000-0000-4000-8000-000000000002');
    expect(loop.counts).toEqual({ metricsEvents: 3, inventoryEvents: 1, failures: 0, refused: 0 });
    expect(loop.idle()).toBe(true);
  });

  it('retries after a failure, reporting it (a plain Error as INTERNAL)', async () => {
    const buffer = createDropOldestBuffer<GpuMetricsEvent>(10);
    const { sent, publisher } = recordingPublisher(2);
    const errors: AppError[] = [];
    const loop = startMetricsPublisher({ publisher, buffer, batchSize: 10, retryDelayMs: 1, onError: (error) => errors.push(error) });
    loop.offerInventory(buildInventory());
    await new Promise((resolve) => setTimeout(resolve, 30));
    await loop.stop(1_000);
    expect(errors.map((error) => error.code)).toEqual(['INTERNAL', 'INTERNAL']);
    expect(sent).toHaveLength(1);
    expect(loop.counts.failures).toBe(2);
  });

  it('halves a batch Kafka refuses and drops an event it refuses on its own', async () => {
    const buffer = createDropOldestBuffer<GpuMetricsEvent>(10);
    const huge = buildMetrics({ id: '00000000-0000-4000-8000-000000000009' });
    const sent: string[] = [];
    const refusing = { publish: async (_topic: string, events: readonly AnyEvent[]) => {
      if (events.length > 1 || events[0]?.id === huge.id) throw new AppError('INTERNAL', 'MESSAGE_TOO_LARGE');
      sent.push(...events.map((event) => event.id));
    } };
    for (const event of [buildMetrics(), huge, buildMetrics({ id: '00000000-0000-4000-8000-000000000003' })]) buffer.push(event);
    const loop = startMetricsPublisher({ publisher: refusing, buffer, batchSize: 4, retryDelayMs: 1, onError: () => undefined });
    await loop.stop(2_000);
    expect(sent).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003']);
    expect(loop.counts.refused).toBe(1);
  });

  it('passes an AppError on as it is and gives up after the drain time', async () => {
    const buffer = createDropOldestBuffer<GpuMetricsEvent>(10);
    const errors: AppError[] = [];
    const failing = { publish: async () => { throw new AppError('DEPENDENCY_UNAVAILABLE', 'down'); } };
    const loop = startMetricsPublisher({ publisher: failing, buffer, batchSize: 10, retryDelayMs: 5, onError: (error) => errors.push(error) });
    buffer.push(buildMetrics());
    await loop.stop(20);
    expect(errors[0]?.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(buffer.size()).toBe(1);
  });
});
