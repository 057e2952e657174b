import { describe, expect, it } from 'vitest';
import {
  claimedAtOf, claimToken, counterKeyFor, decideRelease, decideSlot, fnv1a, formatMark, identityOf, parseHolders, parseMark, POD_COUNTER_KEY, templateLabel, tokenOf,
  type SlotRequest,
} from './grey-release.ts';

const KEY = 'tensor-fusion.ai/tf-counter-7d9f8b6c5d';
const request = (overrides: Partial<SlotRequest> = {}): SlotRequest => ({ key: KEY, limit: 2, mark: undefined, requestUid: 'uid-c', ...overrides });

describe('Function: counterKeyFor()', () => {
  it.each([
    { name: 'a ReplicaSet pod counts per pod-template-hash', labels: { 'pod-template-hash': '7d9f8b6c5d' }, key: KEY },
    { name: 'a StatefulSet pod counts per controller-revision-hash', labels: { 'controller-revision-hash': 'web-6c7d8b9f5' }, key: 'tensor-fusion.ai/tf-counter-web-6c7d8b9f5' },
    { name: 'pod-template-hash wins over controller-revision-hash', labels: { 'pod-template-hash': 'abc', 'controller-revision-hash': 'x' }, key: 'tensor-fusion.ai/tf-counter-abc' },
    { name: 'a pod without a template hash counts per owner', labels: {}, key: 'tensor-fusion.ai/tf-counter-all' },
    { name: 'no labels at all counts per owner', labels: undefined, key: 'tensor-fusion.ai/tf-counter-all' },
    { name: 'a hash too long for a key is hashed', labels: { 'controller-revision-hash': 'x'.repeat(60) }, key: `tensor-fusion.ai/tf-counter-${fnv1a('x'.repeat(60))}` },
    { name: 'a hash with characters a key cannot hold is hashed', labels: { 'pod-template-hash': 'a/b' }, key: `tensor-fusion.ai/tf-counter-${fnv1a('a/b')}` },
  ])('$name', ({ labels, key }) => expect(counterKeyFor(labels)).toBe(key));
});

describe('Function: templateLabel()', () => {
  it.each([
    { name: 'a Deployment\'s pod: its ReplicaSet hash', labels: { 'pod-template-hash': 'abc' }, template: 'abc' },
    { name: 'a StatefulSet\'s pod: its controller revision', labels: { 'controller-revision-hash': 'web-6c8d' }, template: 'web-6c8d' },
    { name: 'a pod with neither', labels: { app: 'web' }, template: undefined },
    { name: 'a pod without labels', labels: undefined, template: undefined },
  ])('$name', ({ labels, template }) => expect(templateLabel(labels)?.value).toBe(template));
});

describe('Function: fnv1a()', () => {
  it.each([
    { name: 'empty text is the offset basis', text: '', hash: '811c9dc5' },
    { name: 'the reference vector for "a"', text: 'a', hash: 'e40c292c' },
    { name: 'the reference vector for "foobar"', text: 'foobar', hash: 'bf9cf968' },
  ])('$name', ({ text, hash }) => expect(fnv1a(text)).toBe(hash));
});

describe('Function: parseHolders() / parseMark() / tokenOf()', () => {
  it.each([
    { name: 'absent lists nobody', value: undefined, holders: [] },
    { name: 'comma list in claim order, blanks and repeats dropped', value: 'b, a,,b', holders: ['b', 'a'] },
  ])('holders: $name', ({ value, holders }) => expect(parseHolders(value)).toEqual(holders));

  it.each([
    { name: 'key and token', value: `${KEY}#uid-1`, mark: { key: KEY, token: 'uid-1' } },
    { name: 'absent', value: undefined, mark: undefined },
    { name: 'TensorFusion\'s bare key (no token) is not ours', value: KEY, mark: undefined },
    { name: 'empty token', value: `${KEY}#`, mark: undefined },
    { name: 'empty key', value: '#uid', mark: undefined },
  ])('mark: $name', ({ value, mark }) => expect(parseMark(value)).toEqual(mark));

  it.each([
    { name: 'a UUID is kept', uid: '0f6c1f4e-1111-4b7a-9c1d-000000000001', token: '0f6c1f4e-1111-4b7a-9c1d-000000000001' },
    { name: 'separators are dropped so lists stay parseable', uid: 'a,b#c d', token: 'abcd' },
    { name: 'a uid with nothing usable is hashed', uid: '#,#', token: fnv1a('#,#') },
  ])('token: $name', ({ uid, token }) => expect(tokenOf(uid)).toBe(token));

  it('formats a mark the way parseMark reads it', () => expect(parseMark(formatMark({ key: KEY, token: 't' }))).toEqual({ key: KEY, token: 't' }));
});

describe('Function: decideSlot()', () => {
  it.each([
    { name: 'the first pod claims a slot', owner: {}, req: request(), verdict: { kind: 'claims', mark: `${KEY}#uid-c`, value: 'uid-c' } },
    { name: 'a later pod appends its token', owner: { [KEY]: 'uid-a' }, req: request(), verdict: { kind: 'claims', mark: `${KEY}#uid-c`, value: 'uid-a,uid-c' } },
    { name: 'all slots taken: full', owner: { [KEY]: 'uid-a,uid-b' }, req: request(), verdict: { kind: 'full', holders: 2 } },
    { name: 'enabled-replicas 0: always full', owner: {}, req: request({ limit: 0 }), verdict: { kind: 'full', holders: 0 } },
    { name: 'a re-admitted pod whose mark is listed keeps its slot even when full', owner: { [KEY]: 'uid-a,uid-b' }, req: request({ mark: `${KEY}#uid-a` }), verdict: { kind: 'holds', mark: `${KEY}#uid-a` } },
    { name: 'a mark no longer listed claims afresh with this request', owner: { [KEY]: 'uid-b' }, req: request({ mark: `${KEY}#uid-gone` }), verdict: { kind: 'claims', mark: `${KEY}#uid-c`, value: 'uid-b,uid-c' } },
    { name: 'a mark for another template claims afresh', owner: { [KEY]: 'uid-a' }, req: request({ mark: 'tensor-fusion.ai/tf-counter-old#uid-a' }), verdict: { kind: 'claims', mark: `${KEY}#uid-c`, value: 'uid-a,uid-c' } },
    { name: 'this request\'s own claim already written (a retried decision) holds', owner: { [KEY]: 'uid-a,uid-c' }, req: request(), verdict: { kind: 'holds', mark: `${KEY}#uid-c` } },
    { name: 'other templates\' slots do not count', owner: { 'tensor-fusion.ai/tf-counter-old': 'x,y' }, req: request(), verdict: { kind: 'claims', mark: `${KEY}#uid-c`, value: 'uid-c' } },
  ])('$name', ({ owner, req, verdict }) => expect(decideSlot(owner, req)).toEqual(verdict));
});

describe('Function: claimToken() / identityOf() / claimedAtOf()', () => {
  it.each([
    { name: 'a claim with a time carries it in base 36', uid: 'uid-c', at: 1_764_346_800, token: 'uid-c.t6g2pc', identity: 'uid-c', claimedAt: 1_764_346_800 },
    { name: 'fractions of a second are dropped', uid: 'uid-c', at: 35.9, token: 'uid-c.z', identity: 'uid-c', claimedAt: 35 },
    { name: 'a claim without a time is the bare token', uid: 'a,b', at: undefined, token: 'ab', identity: 'ab', claimedAt: undefined },
  ])('$name', ({ uid, at, token, identity, claimedAt }) => {
    expect(claimToken(uid, at)).toBe(token);
    expect(identityOf(token)).toBe(identity);
    expect(claimedAtOf(token)).toBe(claimedAt);
  });

  it.each([
    { name: 'a time that is not base 36', token: 'uid.!!', claimedAt: undefined },
    { name: 'an empty time', token: 'uid.', claimedAt: undefined },
    { name: 'a time too long to be epoch seconds', token: `uid.${'z'.repeat(11)}`, claimedAt: undefined },
  ])('reads no time from $name', ({ token, claimedAt }) => expect(claimedAtOf(token)).toBe(claimedAt));
});

describe('Function: decideSlot() with claim times and stale slots', () => {
  const at = 1_764_346_800;
  it.each([
    { name: 'a claim stamps the admission time', owner: {}, req: request({ nowSeconds: at }), verdict: { kind: 'claims', mark: `${KEY}#uid-c.t6g2pc`, value: 'uid-c.t6g2pc' } },
    { name: 'a retried request finds its stamped claim and holds it', owner: { [KEY]: 'uid-a,uid-c.t6g234' }, req: request({ nowSeconds: at }), verdict: { kind: 'holds', mark: `${KEY}#uid-c.t6g234` } },
    { name: 'a stale slot is taken over in the same write', owner: { [KEY]: 'uid-a,uid-b' }, req: request({ stale: new Set(['uid-a']) }), verdict: { kind: 'claims', mark: `${KEY}#uid-c`, value: 'uid-b,uid-c' } },
    { name: 'stale tokens of other pods do not free a live slot', owner: { [KEY]: 'uid-a,uid-b' }, req: request({ stale: new Set(['uid-x']) }), verdict: { kind: 'full', holders: 2 } },
  ])('$name', ({ owner, req, verdict }) => expect(decideSlot(owner, req)).toEqual(verdict));
});

describe('Function: decideRelease()', () => {
  it.each([
    { name: 'a holder gives its slot back', pod: { [POD_COUNTER_KEY]: `${KEY}#uid-a` }, owner: { [KEY]: 'uid-a,uid-b' }, verdict: { kind: 'release', key: KEY, value: 'uid-b' } },
    { name: 'the last holder removes the annotation', pod: { [POD_COUNTER_KEY]: `${KEY}#uid-a` }, owner: { [KEY]: 'uid-a' }, verdict: { kind: 'release', key: KEY, value: null } },
    { name: 'a repeated delete event changes nothing', pod: { [POD_COUNTER_KEY]: `${KEY}#uid-a` }, owner: { [KEY]: 'uid-b' }, verdict: { kind: 'none', reason: 'not-listed' } },
    { name: 'a pod that never held a slot changes nothing', pod: {}, owner: { [KEY]: 'uid-b' }, verdict: { kind: 'none', reason: 'not-marked' } },
    { name: 'a pod without annotations changes nothing', pod: undefined, owner: {}, verdict: { kind: 'none', reason: 'not-marked' } },
  ])('$name', ({ pod, owner, verdict }) => expect(decideRelease(pod, owner)).toEqual(verdict));
});
