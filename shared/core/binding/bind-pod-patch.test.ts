import { describe, expect, it } from 'vitest';
import { allocationWith, booked } from '../../../test/fixtures/ledger.ts';
import { ALLOCATION_GATE } from '../admission/mutate-pod.ts';
import { bindingAnnotations, BINDING_KEYS } from './binding-annotations.ts';
import { pinnedTerms, pinTo, planBinding } from './bind-pod-patch.ts';

const annotations = bindingAnnotations(allocationWith('p1', [booked('GPU-0', 10, 4), booked('GPU-1', 10.5, 4)]), 'n1');

describe('Function: bindingAnnotations()', () => {
  it('writes the GPU ids, the node and the share booked on each GPU', () => {
    expect(annotations).toEqual({ [BINDING_KEYS.gpuIds]: 'GPU-0,GPU-1', [BINDING_KEYS.allocatedNode]: 'n1', [BINDING_KEYS.gpuShares]: 'GPU-0=10/4Gi,GPU-1=10.5/4Gi' });
  });
});

describe('Function: pinnedTerms()', () => {
  const zone = { key: 'zone', operator: 'In', values: ['a'] };
  it.each([
    { name: 'no terms', terms: undefined, expected: [{ matchFields: [pinTo('n1')] }] },
    { name: 'an empty list', terms: [], expected: [{ matchFields: [pinTo('n1')] }] },
    { name: 'two ORed terms', terms: [{ matchExpressions: [zone] }, { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['x'] }] }],
      expected: [{ matchExpressions: [zone], matchFields: [pinTo('n1')] }, { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['x'] }, pinTo('n1')] }] },
    { name: 'a term already pinned', terms: [{ matchFields: [pinTo('n1')] }], expected: [{ matchFields: [pinTo('n1')] }] },
    { name: 'a term pinned to another node', terms: [{ matchFields: [pinTo('n2')] }], expected: [{ matchFields: [pinTo('n2'), pinTo('n1')] }] },
    { name: 'a term with an odd requirement', terms: [{ matchFields: [{ key: 'metadata.name', operator: 'In' }] }], expected: [{ matchFields: [{ key: 'metadata.name', operator: 'In' }, pinTo('n1')] }] },
  ])('narrows $name to the node', ({ terms, expected }) => {
    expect(pinnedTerms(terms, 'n1')).toEqual(expected);
  });
});

describe('Function: planBinding()', () => {
  it('patches a gated pod: annotations, pinned selector, only the allocation gate removed', () => {
    const plan = planBinding({ metadata: {}, spec: { schedulingGates: [{ name: 'keep' }, { name: ALLOCATION_GATE }] } }, { node: 'n1', annotations });
    expect(plan).toEqual({ kind: 'patch', annotations, schedulingGates: [{ name: 'keep' }], nodeSelectorTerms: [{ matchFields: [pinTo('n1')] }] });
  });

  it.each([
    { name: 'an ungated pod with the same annotations', pod: { metadata: { annotations: { ...annotations, other: 'x' } }, spec: {} }, kind: 'already-bound' },
    { name: 'an ungated pod bound elsewhere', pod: { metadata: { annotations: { ...annotations, [BINDING_KEYS.allocatedNode]: 'n2' } }, spec: { schedulingGates: [] } }, kind: 'not-gated' },
    { name: 'an ungated pod with no annotations', pod: { metadata: {}, spec: {} }, kind: 'not-gated' },
  ])('leaves $name alone', ({ pod, kind }) => {
    expect(planBinding(pod, { node: 'n1', annotations }).kind).toBe(kind);
  });
});
