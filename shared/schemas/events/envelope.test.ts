import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssue } from '../../core/model/issue.ts';
import { dotPath, formatZodIssues } from '../format-issues.ts';
import { envelopeOf, envelopeSchema } from './envelope.ts';
import { BUILT_AT, eventId } from '../../../test/fixtures/events.ts';

const schema = envelopeOf('thing.happened', z.object({ size: z.int() }));
const valid = { specversion: 1, id: eventId(7), type: 'thing.happened', clusterId: 'prod-eu-1', time: BUILT_AT, source: 'cluster-agent', data: { size: 3 } };
const messagesOf = (input: unknown): string[] => {
  const parsed = schema.safeParse(input, { reportInput: true });
  return parsed.success ? [] : formatZodIssues(parsed.error.issues, dotPath).map(formatIssue);
};

describe('Schema: envelope', () => {
  it('accepts a complete envelope and strips unknown data fields (additive evolution)', () => {
    expect(schema.parse({ ...valid, data: { size: 3, addedLater: true } })).toEqual(valid);
  });

  it.each<{ name: string; patch: Record<string, unknown>; message: string }>([
    { name: 'spec version 2', patch: { specversion: 2 }, message: 'specversion must be 1, got 2' },
    { name: 'id not a UUID', patch: { id: 'abc' }, message: 'id must be a UUID' },
    { name: 'another type', patch: { type: 'other' }, message: 'type must be thing.happened, got "other"' },
    { name: 'cluster id with a slash', patch: { clusterId: 'prod/eu' }, message: 'clusterId must be a cluster id like prod-eu-1' },
    { name: 'cluster id too long', patch: { clusterId: 'a'.repeat(64) }, message: 'clusterId must be at most 63 characters' },
    { name: 'time without zone', patch: { time: '2025-01-31T12:00:00' }, message: 'time must be an ISO-8601 time' },
    { name: 'empty source', patch: { source: '' }, message: 'source must not be empty' },
    { name: 'bad data', patch: { data: { size: 'big' } }, message: 'data.size must be a number, got "big"' },
    { name: 'unknown top-level field', patch: { extra: 1 }, message: 'extra must not be set: it is not a known field' },
  ])('reports $name', ({ patch, message }) => {
    expect(messagesOf({ ...valid, ...patch }).join('\n')).toContain(message);
  });

  it('reports every issue at once', () => {
    expect(messagesOf({ ...valid, specversion: 0, clusterId: '', data: {} })).toHaveLength(3);
  });

  it('the generic envelope accepts any type and any data', () => {
    expect(envelopeSchema.parse({ ...valid, type: 'whatever', data: [1, 2] })).toMatchObject({ type: 'whatever', data: [1, 2] });
  });
});
