import { describe, expect, it } from 'vitest';
import { buildClusterEvent, buildNode, buildPod } from '../../../test/fixtures/events.ts';
import { ALLOCATION_GATE } from '../admission/mutate-pod.ts';
import { podIntent } from './pod-intent.ts';

const pod = (extra: { spec?: unknown; status?: unknown; deletionTimestamp?: string }) => {
  const base = buildPod();
  return { ...base, spec: extra.spec ?? base['spec'], status: extra.status, metadata: { ...base.metadata, ...(extra.deletionTimestamp === undefined ? {} : { deletionTimestamp: extra.deletionTimestamp }) } };
};
const gated = { containers: [], schedulingGates: [{ name: 'other' }, { name: ALLOCATION_GATE }] };

describe('Function: podIntent()', () => {
  it.each([
    { name: 'a gated pod', event: buildClusterEvent('pod.upserted', pod({ spec: gated })), kind: 'allocate' },
    { name: 'a gated pod being deleted', event: buildClusterEvent('pod.upserted', pod({ spec: gated, deletionTimestamp: '2025-01-31T12:00:00Z' })), kind: 'ignore' },
    { name: 'an ungated running pod', event: buildClusterEvent('pod.upserted', pod({ status: { phase: 'Running' } })), kind: 'ignore' },
    { name: 'a pod with no spec', event: buildClusterEvent('pod.upserted', { ...buildPod(), spec: undefined }), kind: 'ignore' },
    { name: 'a pod with odd gates', event: buildClusterEvent('pod.upserted', pod({ spec: { schedulingGates: [null] } })), kind: 'ignore' },
    { name: 'a succeeded pod', event: buildClusterEvent('pod.upserted', pod({ status: { phase: 'Succeeded' } })), kind: 'release', reason: 'pod-finished' },
    { name: 'a failed gated pod', event: buildClusterEvent('pod.upserted', pod({ spec: gated, status: { phase: 'Failed' } })), kind: 'release', reason: 'pod-finished' },
    { name: 'a deleted pod', event: buildClusterEvent('pod.deleted', buildPod()), kind: 'release', reason: 'pod-deleted' },
    { name: 'a node event', event: buildClusterEvent('node.upserted', buildNode()), kind: 'ignore' },
  ])('reads $name as $kind', ({ event, kind, reason }) => {
    const intent = podIntent(event);
    expect(intent.kind).toBe(kind);
    if (reason !== undefined) expect(intent).toMatchObject({ reason });
  });
});
