import { describe, expect, it } from 'vitest';
import { APPLIED_AT, autoscaledPod, ownerWith, recordWith, tf } from '../../../test/fixtures/admission/recommended.ts';
import { RECOMMENDED_RESOURCES_KEY } from '../../schemas/annotation-keys.ts';
import { encodeRecommendation } from '../admission/recorded-recommendation.ts';
import { recommendationRecords, recordRecommendation } from './recommendation-records.ts';

const annotations = recordWith().annotations;
const applied = { namespace: 'ml', annotations, appliedAt: APPLIED_AT };
/** A pod of the owner `options` names (default ReplicaSet web-abc, template abc), created at `createdMs`. */
const at = (createdMs: number, options: Parameters<typeof autoscaledPod>[0] = {}) => ({ pod: autoscaledPod(options), createdMs });
const RS = { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'ml', name: 'web-abc' };

describe('Function: recommendationRecords()', () => {
  it.each([
    { name: 'one record per controller owner, with its pods\' template', pods: [at(1), at(2)], records: [{ reference: RS, recorded: recordWith() }] },
    {
      name: 'during a rollout: each ReplicaSet with its own template',
      pods: [at(1), at(2, { owner: { kind: 'ReplicaSet', name: 'web-def' }, labels: { 'pod-template-hash': 'def' } })],
      records: [{ reference: RS, recorded: recordWith() }, { reference: { ...RS, name: 'web-def' }, recorded: recordWith({ template: 'def' }) }],
    },
    {
      name: 'a StatefulSet mid-rollout: the newest pod\'s revision, the one its next pods are made from',
      pods: [
        at(5, { owner: { kind: 'StatefulSet', name: 'web' }, labels: { 'pod-template-hash': null, 'controller-revision-hash': 'web-new' } }),
        at(1, { owner: { kind: 'StatefulSet', name: 'web' }, labels: { 'pod-template-hash': null, 'controller-revision-hash': 'web-old' } }),
      ],
      records: [{ reference: { ...RS, kind: 'StatefulSet', name: 'web' }, recorded: recordWith({ template: 'web-new' }) }],
    },
    { name: 'pods without a template label: a record without one', pods: [at(1, { labels: { 'pod-template-hash': null } })], records: [{ reference: RS, recorded: recordWith({ template: undefined }) }] },
    { name: 'bare pods: nowhere to keep it', pods: [at(1, { owner: null })], records: [] },
  ])('$name', ({ pods, records }) => {
    expect(recommendationRecords(pods, applied)).toEqual(records);
  });

  it('nothing to record when no target annotation was applied', () => {
    expect(recommendationRecords([at(1)], { namespace: 'ml', annotations: {}, appliedAt: APPLIED_AT })).toEqual([]);
  });
});

describe('Function: recordRecommendation()', () => {
  const write = (recorded = recordWith()) => ({ reference: RS, resourceVersion: '7', annotations: { [RECOMMENDED_RESOURCES_KEY]: encodeRecommendation(recorded) } });
  it.each([
    { name: 'an owner without a record: written, under the resourceVersion read', owner: ownerWith(undefined), update: write() },
    { name: 'the same values for the same template: nothing (whenever written)', owner: ownerWith(recordWith({ appliedAt: '2025-01-01T00:00:00.000Z' })), update: undefined },
    { name: 'a changed value: written', owner: ownerWith(recordWith({ annotations: { ...annotations, [tf('tflops-limit')]: '50' } })), update: write() },
    { name: 'another template: written', owner: ownerWith(recordWith({ template: 'old' })), update: write() },
    { name: 'an unreadable record: replaced', owner: ownerWith('{broken'), update: write() },
  ])('$name', ({ owner, update }) => expect(recordRecommendation(owner, recordWith())).toEqual(update));
});
