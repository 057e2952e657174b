import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyEventSchema } from './any-event.ts';
import { buildClusterEvent, buildInventory, buildMetrics, buildPod } from '../../../test/fixtures/events.ts';
import { keyFor } from './key-for.ts';

const name = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);

describe('Schema: events (properties)', () => {
  it('a valid event survives JSON and parsing unchanged, and its key starts with its cluster', () => {
    const cases = fc.record({ clusterId: name, pool: name, pod: name, kind: fc.constantFrom('pod', 'inventory', 'metrics') });
    fc.assert(fc.property(cases, ({ clusterId, pool, pod, kind }) => {
      const event = kind === 'pod'
        ? buildClusterEvent('pod.upserted', buildPod({ name: pod, pool }), { clusterId })
        : kind === 'inventory' ? buildInventory(undefined, { clusterId }) : buildMetrics({ clusterId });
      const parsed = anyEventSchema.parse(JSON.parse(JSON.stringify(event)));
      expect(parsed).toEqual(event);
      expect(keyFor(parsed).startsWith(`${clusterId}/`)).toBe(true);
    }));
  });

  it('parsing arbitrary JSON never throws: it succeeds or reports issues', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const result = anyEventSchema.safeParse(value, { reportInput: true });
      expect(result.success || result.error.issues.length > 0).toBe(true);
    }));
  });
});
