import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../shared/schemas/events/any-event.ts';
import { ALL_TOPICS, TOPIC_NAMES, TOPICS, topicFor } from './topics.ts';

describe('Infra: topics', () => {
  it('defines one topic per name, under its own name', () => {
    expect(Object.keys(TOPICS).sort()).toEqual(Object.values(TOPIC_NAMES).sort());
    for (const [name, topic] of Object.entries(TOPICS)) expect(topic.name).toBe(name);
  });

  it('carries every event type on exactly one topic', () => {
    const carried = ALL_TOPICS.flatMap((topic) => topic.carries);
    expect([...carried].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(ALL_TOPICS.map((topic) => ({ name: topic.name, topic })))('$name has partitions and a retention', ({ topic }) => {
    expect(Number.isInteger(topic.partitions) && topic.partitions >= 1).toBe(true);
    expect(topic.retentionMs).toBeGreaterThanOrEqual(24 * 3_600_000);
  });

  it.each<{ name: string; type: (typeof EVENT_TYPES)[number]; topic: string }>([
    { name: 'pods', type: 'pod.upserted', topic: 'cluster-events' },
    { name: 'profiles', type: 'workload-profile.deleted', topic: 'cluster-events' },
    { name: 'inventory', type: 'gpu-node.inventory', topic: 'gpu-inventory' },
    { name: 'metrics', type: 'gpu.metrics', topic: 'gpu-metrics' },
    { name: 'decisions', type: 'scaling.applied', topic: 'decisions' },
    { name: 'dead letters', type: 'dead-letter', topic: 'dead-letter' },
  ])('routes $name to $topic', ({ type, topic }) => {
    expect(topicFor(type)).toBe(topic);
  });

  it('refuses a type no topic carries', () => {
    expect(() => topicFor('nope' as never)).toThrow(expect.objectContaining({ code: 'INTERNAL', message: expect.stringContaining('nope') }));
  });
});
