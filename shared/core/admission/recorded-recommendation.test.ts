import { describe, expect, it } from 'vitest';
import { APPLIED_AT, recordWith, tf } from '../../../test/fixtures/admission/recommended.ts';
import { formatIssue } from '../model/issue.ts';
import { checkKeys } from './check-keys.ts';
import { decodeRecommendation, encodeRecommendation, sameRecommendation, targetAnnotations } from './recorded-recommendation.ts';

const ALL = {
  [tf('tflops-request')]: '30', [tf('tflops-limit')]: '60', [tf('compute-percent-request')]: '10', [tf('compute-percent-limit')]: '20',
  [tf('vram-request')]: '6Gi', [tf('vram-limit')]: '12Gi', [tf('qos')]: 'high',
};

describe('Function: targetAnnotations()', () => {
  it.each([
    { name: 'compute: the TFLOPS and percent keys', target: 'compute' as const, keys: ['tflops-request', 'tflops-limit', 'compute-percent-request', 'compute-percent-limit'] },
    { name: 'vram: the VRAM keys', target: 'vram' as const, keys: ['vram-request', 'vram-limit'] },
    { name: 'all: every resource key, nothing else', target: 'all' as const, keys: ['tflops-request', 'tflops-limit', 'compute-percent-request', 'compute-percent-limit', 'vram-request', 'vram-limit'] },
  ])('$name', ({ target, keys }) => expect(Object.keys(targetAnnotations(ALL, target))).toEqual(keys.map(tf)));
});

describe('Function: encodeRecommendation() / decodeRecommendation()', () => {
  it('writes the keys in a fixed order and reads back what it wrote', () => {
    const shuffled = recordWith({ annotations: { [tf('vram-limit')]: '12Gi', [tf('tflops-request')]: '30' } });
    const text = encodeRecommendation(shuffled);
    expect(text).toBe(`{"annotations":{"${tf('tflops-request')}":"30","${tf('vram-limit')}":"12Gi"},"template":"abc","appliedAt":"${APPLIED_AT}"}`);
    expect(decodeRecommendation(text, 'ReplicaSet ml/web-abc')).toEqual({ ok: true, value: shuffled });
    expect(encodeRecommendation(recordWith({ template: undefined }))).not.toContain('template');
  });

  it.each([
    { name: 'not JSON', text: 'nope', issues: ['annotation tensor-fusion.ai/recommended-resources on RS must be JSON, got "nope"'] },
    { name: 'not an object', text: '[]', issues: ['annotation tensor-fusion.ai/recommended-resources on RS must be a JSON object, got []'] },
    {
      name: 'an unknown key and an empty template', text: JSON.stringify({ ...recordWith(), template: '', extra: 1 }),
      issues: ['annotation tensor-fusion.ai/recommended-resources on RS template must not be empty, got ""', 'annotation tensor-fusion.ai/recommended-resources on RS extra must not be set: it is not a known field'],
    },
    {
      name: 'a value that is not text', text: JSON.stringify({ ...recordWith(), annotations: { [tf('vram-limit')]: 12 } }),
      issues: ['annotation tensor-fusion.ai/recommended-resources on RS annotations["tensor-fusion.ai/vram-limit"] must be a string, got 12'],
    },
  ])('an unusable record names every issue: $name', ({ text, issues }) => {
    const decoded = decodeRecommendation(text, 'RS');
    expect(decoded.ok ? [] : decoded.issues.map(formatIssue)).toEqual(issues);
  });
});

describe('Function: sameRecommendation()', () => {
  it.each([
    { name: 'the same values at another time', other: recordWith({ appliedAt: '2025-02-01T00:00:00.000Z' }), same: true },
    { name: 'another value', other: recordWith({ annotations: { ...recordWith().annotations, [tf('tflops-limit')]: '61' } }), same: false },
    { name: 'one key fewer', other: recordWith({ annotations: { [tf('tflops-request')]: '30', [tf('tflops-limit')]: '60' } }), same: false },
    { name: 'another template', other: recordWith({ template: 'def' }), same: false },
  ])('$name', ({ other, same }) => expect(sameRecommendation(recordWith(), other)).toBe(same));
});

describe('Schema: tensor-fusion.ai/recommended-resources is a system key', () => {
  it('is never reported as unknown (a pod made from a copied owner may carry it)', () => {
    expect(checkKeys({ 'tensor-fusion.ai/recommended-resources': '{}' })).toEqual([]);
  });
});
