import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../schemas/events/any-event.ts';
import { buildClusterEvent, buildDecision, buildMetrics, buildPod } from '../../../test/fixtures/events.ts';
import { decodeContent } from '../../middleware/content-encoding.ts';
import { gzipMessage, toEventMessage } from './event-message.ts';

describe('Adapter: kafka toEventMessage()', () => {
  it.each<{ name: string; event: AnyEvent; key: string }>([
    { name: 'a pod event, keyed by pool', event: buildClusterEvent('pod.upserted', buildPod({ pool: 'a100' })), key: 'prod-eu-1/a100' },
    { name: 'metrics, keyed by node', event: buildMetrics(), key: 'prod-eu-1/gpu-node-1' },
    { name: 'a decision, keyed by pool', event: buildDecision('allocation.placed'), key: 'prod-eu-1/a100' },
  ])('serialises $name: JSON value, key, ce-* headers', ({ event, key }) => {
    const message = toEventMessage(event);
    expect(message.key).toBe(key);
    expect(JSON.parse(message.value)).toEqual(event);
    expect(message.headers).toEqual({ 'ce-type': event.type, 'ce-id': event.id, 'content-type': 'application/json' });
  });

  it('refuses an invalid event with every issue, before it reaches a consumer', () => {
    const event = { ...buildMetrics(), clusterId: 'A/B', data: { ...buildMetrics().data, node: '' } } as AnyEvent;
    expect(() => toEventMessage(event)).toThrow(expect.objectContaining({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/invalid gpu\.metrics event: .*event\.clusterId must be a cluster id.*event\.data\.node must be a Kubernetes object name/),
    }));
  });
});

describe('Adapter: kafka gzipMessage()', () => {
  it('gzips the JSON value and adds content-encoding: gzip, keeping key and the other headers', () => {
    const plain = toEventMessage(buildMetrics());
    const gzipped = gzipMessage(plain);
    expect(gzipped.key).toBe(plain.key);
    expect(gzipped.headers).toEqual({ ...plain.headers, 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(gzipped.value.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const decoded = decodeContent(gzipped.value, gzipped.headers['content-encoding']);
    expect(decoded.ok && Buffer.from(decoded.bytes).toString('utf8')).toBe(plain.value);
  });
});
