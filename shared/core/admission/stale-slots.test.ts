import { describe, expect, it } from 'vitest';
import { slotHolderQuery, staleSlotTokens, type SlotHolderPod } from './stale-slots.ts';

const KEY = 'tensor-fusion.ai/tf-counter-7d9f8b6c5d';
const NOW = 1_000_000;
const stamped = (identity: string, secondsAgo: number): string => `${identity}.${(NOW - secondsAgo).toString(36)}`;
const pod = (token: string, terminating = false): SlotHolderPod => ({ mark: `${KEY}#${token}`, terminating });

describe('Function: staleSlotTokens()', () => {
  it.each<{ name: string; listed: string[]; pods: SlotHolderPod[]; stale: string[] }>([
    { name: 'a token a live pod holds stays', listed: [stamped('a', 600)], pods: [pod(stamped('a', 600))], stale: [] },
    { name: 'a token held only by a terminating pod is stale at once', listed: [stamped('a', 1)], pods: [pod(stamped('a', 1), true)], stale: [stamped('a', 1)] },
    { name: 'a token no pod holds, claimed past the grace, is stale', listed: [stamped('a', 46)], pods: [], stale: [stamped('a', 46)] },
    { name: 'a token no pod holds yet, claimed within the grace, stays (its pod is being created)', listed: [stamped('a', 45)], pods: [], stale: [] },
    { name: 'a token without a claim time, held by nobody, stays (only the give-back frees it)', listed: ['a'], pods: [], stale: [] },
    { name: 'a token without a claim time held by a terminating pod is stale', listed: ['a'], pods: [pod('a', true)], stale: ['a'] },
    { name: 'a live holder wins over a terminating copy of the same mark', listed: ['a'], pods: [pod('a', true), pod('a')], stale: [] },
    { name: 'pods without a mark, or with a foreign one, hold nothing', listed: [stamped('a', 100)], pods: [{ mark: undefined, terminating: false }, { mark: 'other', terminating: false }], stale: [stamped('a', 100)] },
  ])('$name', ({ listed, pods, stale }) => {
    expect([...staleSlotTokens(listed, pods, { nowSeconds: NOW, graceSeconds: 45 })]).toEqual(stale);
  });
});

describe('Function: slotHolderQuery()', () => {
  it.each([
    { name: 'a ReplicaSet pod lists its template', labels: { 'pod-template-hash': '7d9f8b6c5d', app: 'x' }, selector: 'pod-template-hash=7d9f8b6c5d' },
    { name: 'a StatefulSet pod lists its revision', labels: { 'controller-revision-hash': 'web-6c7' }, selector: 'controller-revision-hash=web-6c7' },
    { name: 'a pod without a template hash lists the namespace', labels: undefined, selector: undefined },
  ])('$name', ({ labels, selector }) => expect(slotHolderQuery('ml', labels)).toEqual({ namespace: 'ml', labelSelector: selector }));
});
