import { describe, expect, it } from 'vitest';
import { contentHash, isNews, missingFromList, objectKey, type KnownObject } from './known-objects.ts';

const pod = (rv: string, extra: Record<string, unknown> = {}) => ({ metadata: { name: 'p', namespace: 'ml', uid: 'u1', resourceVersion: rv, managedFields: [{ manager: rv }] }, ...extra });
const known = (rv: string | undefined, extra: Partial<KnownObject> = {}): KnownObject =>
  ({ kindName: 'pods', resourceVersion: rv, hash: rv === undefined ? undefined : contentHash(pod(rv)), object: pod(rv ?? '0'), deleted: false, ...extra });

describe('Function: objectKey()', () => {
  it('keys by kind and uid, else by namespace and name', () => {
    expect(objectKey('pods', pod('1'))).toBe('pods/u1');
    expect(objectKey('nodes', { metadata: { name: 'n1' } })).toBe('nodes//n1');
    expect(objectKey('nodes', {})).toBe('nodes//');
  });
});

describe('Function: contentHash()', () => {
  it('ignores resourceVersion and managedFields, and sees content', () => {
    expect(contentHash(pod('1'))).toBe(contentHash(pod('2')));
    expect(contentHash(pod('1', { spec: { a: 1 } }))).not.toBe(contentHash(pod('1')));
    expect(contentHash({})).toBe(contentHash({ metadata: {} }));
  });
});

describe('Function: isNews()', () => {
  it.each([
    { name: 'an unknown object', entry: undefined, object: pod('5'), expected: true },
    { name: 'a deleted one seen again', entry: known('5', { deleted: true }), object: pod('5'), expected: true },
    { name: 'the same version', entry: known('5'), object: pod('5', { spec: { changed: true } }), expected: false },
    { name: 'a new version with the same content', entry: known('5'), object: pod('6'), expected: false },
    { name: 'a new version with new content', entry: known('5'), object: pod('6', { spec: { changed: true } }), expected: true },
    { name: 'an object not known to have reached Kafka', entry: known(undefined), object: pod('0'), expected: true },
  ])('$name', ({ entry, object, expected }) => {
    expect(isNews(entry, object, contentHash(object))).toBe(expected);
  });
});

describe('Function: missingFromList()', () => {
  it('finds the known, not deleted objects of the kind that the list lacks', () => {
    const state = new Map<string, KnownObject>([
      ['pods/u1', known('1')], ['pods/u2', known('1')], ['pods/u3', known('1', { deleted: true })], ['nodes/n', known('1', { kindName: 'nodes' })],
    ]);
    expect(missingFromList(state, 'pods', new Set(['pods/u1'])).map(([key]) => key)).toEqual(['pods/u2']);
  });
});
