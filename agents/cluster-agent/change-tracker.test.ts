import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/adapters/kubernetes/informers/kube-object.ts';
import type { AppError } from '../../shared/core/errors.ts';
import { createChangeTracker, type PendingChange } from './change-tracker.ts';
import { contentHash, type KnownObject } from './known-objects.ts';
import { createOutbox } from './outbox.ts';
import { watchedKind } from './watched-kinds.ts';

const pods = watchedKind('pods', {});
const deployments = watchedKind('deployments', {});
const pod = (name: string, rv: string, spec: Record<string, unknown> = {}): KubeObject =>
  ({ metadata: { name, namespace: 'ml', uid: `uid-${name}`, resourceVersion: rv }, spec });
const stamp = () => ({ clusterId: 'lab', time: '2025-01-31T12:00:00Z', source: 'cluster-agent' });

function setup(known = new Map<string, KnownObject>()) {
  const outbox = createOutbox<PendingChange>(100);
  const invalid: AppError[] = [];
  const tracker = createChangeTracker({ known, outbox, stamp, onInvalid: (error) => invalid.push(error) });
  const sent = () => outbox.peek(100).map((entry) => {
    const value = JSON.parse(entry.item.message.value) as { type: string; data: { object: KubeObject; finalStateUnknown?: boolean } };
    return `${value.type} ${value.data.object.metadata?.name}@${value.data.object.metadata?.resourceVersion}${value.data.finalStateUnknown === true ? ' (final state unknown)' : ''}`;
  });
  return { tracker, outbox, invalid, sent, known };
}

describe('Function: createChangeTracker()', () => {
  it('queues a list and the watch events after it, each object once with its latest state', async () => {
    const at = setup();
    const handler = at.tracker.handlerFor(pods);
    await handler.listed([pod('a', '1'), pod('b', '2')]);
    await handler.changed({ type: 'MODIFIED', object: pod('a', '3', { changed: true }) });
    await handler.changed({ type: 'DELETED', object: pod('b', '4') });
    expect(at.sent()).toEqual(['pod.upserted a@3', 'pod.deleted b@4']);
  });

  it('does not resend unchanged objects on a relist (same resourceVersion, or same content)', async () => {
    const at = setup();
    const handler = at.tracker.handlerFor(pods);
    await handler.listed([pod('a', '1'), pod('b', '2')]);
    at.outbox.settle(at.outbox.peek(100));
    await handler.listed([pod('a', '1'), pod('b', '9')]);
    expect(at.sent()).toEqual([]);
    expect(at.tracker.counts.skipped).toBe(2);
  });

  it('turns objects a relist no longer holds into deletes with their last known state', async () => {
    const known = new Map<string, KnownObject>([['pods/uid-gone', { kindName: 'pods', resourceVersion: '5', hash: 'h', object: pod('gone', '5'), deleted: false }]]);
    const at = setup(known);
    await at.tracker.handlerFor(pods).listed([]);
    expect(at.sent()).toEqual(['pod.deleted gone@5 (final state unknown)']);
    expect(at.tracker.counts.deletesFromList).toBe(1);
  });

  it('resends an object whose publication was never acknowledged', async () => {
    const object = pod('a', '5');
    const known = new Map<string, KnownObject>([['pods/uid-a', { kindName: 'pods', resourceVersion: undefined, hash: undefined, object, deleted: false }]]);
    const at = setup(known);
    await at.tracker.handlerFor(pods).listed([object]);
    expect(at.sent()).toEqual(['pod.upserted a@5']);
  });

  it('ignores the delete of an object it never handed on', async () => {
    const at = setup();
    await at.tracker.handlerFor(pods).changed({ type: 'DELETED', object: pod('stranger', '3') });
    expect(at.sent()).toEqual([]);
  });

  it('publishes an owner while it opts in, and a delete when it stops opting in', async () => {
    const at = setup();
    const optedIn = (rv: string, enabled: string): KubeObject =>
      ({ metadata: { name: 'd', namespace: 'ml', uid: 'uid-d', resourceVersion: rv }, spec: { template: { metadata: { labels: { 'tensor-fusion.ai/enabled': enabled } } } } });
    const handler = at.tracker.handlerFor(deployments);
    await handler.listed([optedIn('1', 'false')]);
    expect(at.sent()).toEqual([]);
    await handler.changed({ type: 'MODIFIED', object: optedIn('2', 'true') });
    await handler.changed({ type: 'MODIFIED', object: optedIn('3', 'false') });
    expect(at.sent()).toEqual(['deployment.deleted d@3']);
    expect(at.known.get('deployments/uid-d')).toMatchObject({ deleted: true, hash: contentHash(optedIn('3', 'false')) });
  });

  it('reports an object its contract refuses and does not queue it', async () => {
    const at = setup();
    await at.tracker.handlerFor(pods).changed({ type: 'ADDED', object: { metadata: { name: 'Bad_Name', namespace: 'ml', uid: 'u', resourceVersion: '1' } } });
    expect(at.sent()).toEqual([]);
    expect(at.invalid[0]?.code).toBe('INVALID_INPUT');
    expect(at.tracker.counts.invalid).toBe(1);
  });
});
