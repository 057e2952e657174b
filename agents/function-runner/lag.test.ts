import { describe, expect, it } from 'vitest';
import { computeLag, createLagReader } from './lag.ts';

describe('Function: computeLag()', () => {
  it.each([
    { name: 'committed offsets trail the end', committed: [{ topic: 't', partitions: [{ partition: 0, offset: '7' }, { partition: 1, offset: '10' }] }], expected: [{ topic: 't', partition: 0, lag: 3 }, { topic: 't', partition: 1, lag: 0 }] },
    { name: 'a partition never committed counts from its earliest offset', committed: [{ topic: 't', partitions: [{ partition: 0, offset: '-1' }] }], expected: [{ topic: 't', partition: 0, lag: 8 }, { topic: 't', partition: 1, lag: 10 }] },
    { name: 'a group that knows nothing of the topic', committed: [], expected: [{ topic: 't', partition: 0, lag: 8 }, { topic: 't', partition: 1, lag: 10 }] },
  ])('$name', ({ committed, expected }) => {
    const ends = new Map([['t', [{ partition: 1, high: '10', low: '0' }, { partition: 0, high: '10', low: '2' }]]]);
    expect(computeLag(committed, ends)).toEqual(expected);
  });
});

describe('Function: createLagReader()', () => {
  it('translates a broker that is away', async () => {
    const kafka = { admin: () => ({ connect: async () => { throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'KafkaJSConnectionError', retriable: true }); }, disconnect: async () => undefined }) };
    const reader = createLagReader(kafka as never, { groupId: 'g', topics: ['t'] });
    await expect(reader.read()).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', message: expect.stringContaining('read the lag of group g') });
    await reader.close();
  });
});
