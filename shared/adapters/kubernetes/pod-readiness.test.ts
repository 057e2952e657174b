import type * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { podReadiness } from './pod-readiness.ts';

const ready = { type: 'Ready', status: 'True' };

describe('Adapter: kubernetes podReadiness()', () => {
  it.each([
    { name: 'running and Ready', pod: { status: { phase: 'Running', conditions: [{ type: 'PodScheduled', status: 'True' }, ready] } }, expected: 'ready' },
    { name: 'running, readiness probe not passed yet', pod: { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } }, expected: 'unready' },
    { name: 'running, no conditions reported', pod: { status: { phase: 'Running' } }, expected: 'unready' },
    { name: 'pending (not scheduled, or pulling its image)', pod: { status: { phase: 'Pending' } }, expected: 'unready' },
    { name: 'no status at all (just created)', pod: {}, expected: 'unready' },
    { name: 'being deleted, still Ready', pod: { metadata: { deletionTimestamp: new Date(0) }, status: { phase: 'Running', conditions: [ready] } }, expected: 'gone' },
    { name: 'failed', pod: { status: { phase: 'Failed' } }, expected: 'gone' },
    { name: 'finished', pod: { status: { phase: 'Succeeded' } }, expected: 'gone' },
  ] as const)('$name: $expected', ({ pod, expected }) => {
    expect(podReadiness(pod as k8s.V1Pod)).toBe(expected);
  });
});
