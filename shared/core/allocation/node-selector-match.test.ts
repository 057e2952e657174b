import { describe, expect, it } from 'vitest';
import type { NodeSelectorRequirement } from '../../schemas/node-scheduling.ts';
import { matchesAnyTerm, matchesNodeSelector, matchesRequirement, matchesTerm } from './node-selector-match.ts';

/** The labels every case below reads: a zone, a GPU count as an integer, and a label with an empty value. */
const labels = { zone: 'a', 'gpu.count': '8', empty: '' };
const req = (operator: NodeSelectorRequirement['operator'], key: string, values?: string[]): NodeSelectorRequirement =>
  values === undefined ? { key, operator } : { key, operator, values };

describe('Function: matchesRequirement()', () => {
  it.each([
    { name: 'In: the value is listed', requirement: req('In', 'zone', ['b', 'a']), matches: true },
    { name: 'In: the value is not listed', requirement: req('In', 'zone', ['b']), matches: false },
    { name: 'In: the key is missing', requirement: req('In', 'rack', ['a']), matches: false },
    { name: 'In: no values', requirement: req('In', 'zone'), matches: false },
    { name: 'In: an empty value listed matches an empty label', requirement: req('In', 'empty', ['']), matches: true },
    { name: 'NotIn: the value is not listed', requirement: req('NotIn', 'zone', ['b']), matches: true },
    { name: 'NotIn: the value is listed', requirement: req('NotIn', 'zone', ['a']), matches: false },
    { name: 'NotIn: the key is missing', requirement: req('NotIn', 'rack', ['a']), matches: true },
    { name: 'NotIn: no values', requirement: req('NotIn', 'zone'), matches: true },
    { name: 'Exists: the key is there', requirement: req('Exists', 'zone'), matches: true },
    { name: 'Exists: the key is there with an empty value', requirement: req('Exists', 'empty'), matches: true },
    { name: 'Exists: the key is missing', requirement: req('Exists', 'rack'), matches: false },
    { name: 'DoesNotExist: the key is missing', requirement: req('DoesNotExist', 'rack'), matches: true },
    { name: 'DoesNotExist: the key is there', requirement: req('DoesNotExist', 'zone'), matches: false },
    { name: 'Exists: an inherited name is no label', requirement: req('Exists', 'toString'), matches: false },
    { name: 'Gt: 8 > 4', requirement: req('Gt', 'gpu.count', ['4']), matches: true },
    { name: 'Gt: 8 > 8 fails', requirement: req('Gt', 'gpu.count', ['8']), matches: false },
    { name: 'Gt: 8 > -1 (signed)', requirement: req('Gt', 'gpu.count', ['-1']), matches: true },
    { name: 'Lt: 8 < 16', requirement: req('Lt', 'gpu.count', ['16']), matches: true },
    { name: 'Lt: 8 < 8 fails', requirement: req('Lt', 'gpu.count', ['8']), matches: false },
    { name: 'Lt: 8 < +9 (explicit sign)', requirement: req('Lt', 'gpu.count', ['+9']), matches: true },
    { name: 'Gt: the label is not an integer', requirement: req('Gt', 'zone', ['1']), matches: false },
    { name: 'Gt: the key is missing', requirement: req('Gt', 'rack', ['1']), matches: false },
    { name: 'Gt: the value is not an integer', requirement: req('Gt', 'gpu.count', ['1.5']), matches: false },
    { name: 'Gt: two values', requirement: req('Gt', 'gpu.count', ['1', '2']), matches: false },
    { name: 'Gt: no values', requirement: req('Gt', 'gpu.count'), matches: false },
    { name: 'Lt: a value past 64 bits', requirement: req('Lt', 'gpu.count', ['9223372036854775808']), matches: false },
    { name: 'Gt: the lowest 64-bit value', requirement: req('Gt', 'gpu.count', ['-9223372036854775808']), matches: true },
    { name: 'Lt: more digits than 64 bits hold', requirement: req('Lt', 'gpu.count', ['99999999999999999999']), matches: false },
  ])('$name: $matches', ({ requirement, matches }) => {
    expect(matchesRequirement(labels, requirement)).toBe(matches);
  });
});

describe('Function: matchesTerm() / matchesAnyTerm()', () => {
  const node = { name: 'gpu-1', labels };
  it.each([
    { name: 'every expression holds', term: { matchExpressions: [req('In', 'zone', ['a']), req('Exists', 'gpu.count')] }, matches: true },
    { name: 'one expression fails (AND)', term: { matchExpressions: [req('In', 'zone', ['a']), req('DoesNotExist', 'gpu.count')] }, matches: false },
    { name: 'a field names the node', term: { matchFields: [req('In', 'metadata.name', ['gpu-1'])] }, matches: true },
    { name: 'a field names another node', term: { matchFields: [req('In', 'metadata.name', ['gpu-2'])] }, matches: false },
    { name: 'a field excludes another node', term: { matchFields: [req('NotIn', 'metadata.name', ['gpu-2'])] }, matches: true },
    { name: 'a label is no field', term: { matchFields: [req('In', 'zone', ['a'])] }, matches: false },
    { name: 'expressions and fields both hold', term: { matchExpressions: [req('In', 'zone', ['a'])], matchFields: [req('In', 'metadata.name', ['gpu-1'])] }, matches: true },
    { name: 'expressions hold but the field fails', term: { matchExpressions: [req('In', 'zone', ['a'])], matchFields: [req('In', 'metadata.name', ['x'])] }, matches: false },
    { name: 'an empty term matches nothing', term: {}, matches: false },
    { name: 'empty lists match nothing', term: { matchExpressions: [], matchFields: [] }, matches: false },
  ])('$name: $matches', ({ term, matches }) => {
    expect(matchesTerm(node, term)).toBe(matches);
  });

  it.each([
    { name: 'no terms: no requirement', terms: [], matches: true },
    { name: 'the second term holds (OR)', terms: [{ matchExpressions: [req('In', 'zone', ['b'])] }, { matchExpressions: [req('In', 'zone', ['a'])] }], matches: true },
    { name: 'no term holds', terms: [{ matchExpressions: [req('In', 'zone', ['b'])] }, {}], matches: false },
  ])('$name: $matches', ({ terms, matches }) => {
    expect(matchesAnyTerm(node, terms)).toBe(matches);
  });
});

describe('Function: matchesNodeSelector()', () => {
  it.each<{ name: string; selector: Record<string, string>; matches: boolean }>([
    { name: 'an empty selector', selector: {}, matches: true },
    { name: 'every label equal', selector: { zone: 'a', 'gpu.count': '8' }, matches: true },
    { name: 'an empty value equal', selector: { empty: '' }, matches: true },
    { name: 'one value differs', selector: { zone: 'a', 'gpu.count': '4' }, matches: false },
    { name: 'a label missing', selector: { rack: '' }, matches: false },
    { name: 'an inherited name is no label', selector: { constructor: '' }, matches: false },
  ])('$name: $matches', ({ selector, matches }) => {
    expect(matchesNodeSelector(labels, selector)).toBe(matches);
  });
});
