import { describe, expect, it } from 'vitest';
import { buildNode } from '../../../test/fixtures/events.ts';
import { ledgerWith } from '../../../test/fixtures/ledger.ts';
import { nodeLedgerSchema } from '../../schemas/node-ledger.ts';
import { recordScheduling, schedulingOfNode } from './record-scheduling.ts';

const node = (extra: { labels?: unknown; spec?: unknown }) => {
  const base = buildNode('n1');
  return { ...base, metadata: { ...base.metadata, ...(extra.labels === undefined ? {} : { labels: extra.labels }) }, ...(extra.spec === undefined ? {} : { spec: extra.spec }) } as ReturnType<typeof buildNode>;
};

describe('Function: schedulingOfNode()', () => {
  it.each([
    { name: 'a bare node: no labels, no taints', object: node({}), scheduling: { labels: {}, taints: [] } },
    {
      name: 'labels and taints, the taints without timeAdded and an unset value left out',
      object: node({ labels: { zone: 'a' }, spec: { unschedulable: false, taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule', timeAdded: '2025-01-31T12:00:00Z' }, { key: 'spot', effect: 'NoExecute' }] } }),
      scheduling: { labels: { zone: 'a' }, taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }, { key: 'spot', effect: 'NoExecute' }] },
    },
    { name: 'a spec without taints', object: node({ spec: { podCIDR: '10.0.0.0/24' } }), scheduling: { labels: {}, taints: [] } },
  ])('reads $name', ({ object, scheduling }) => {
    expect(schedulingOfNode(object)).toEqual(scheduling);
  });

  it('rejects a malformed taint as INVALID_INPUT, naming the node and the field', () => {
    const call = () => schedulingOfNode(node({ spec: { taints: [{ key: 'gpu' }] } }));
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('Node n1 spec.taints[0].effect must be a taint effect') }));
  });
});

describe('Function: recordScheduling()', () => {
  const facts = { labels: { zone: 'a', rack: '7' }, taints: [{ key: 'gpu', effect: 'NoSchedule' }] };
  const recorded = { ...ledgerWith('n1', 1), scheduling: facts };

  it.each([
    { name: 'a ledger without facts gets them', ledger: ledgerWith('n1', 1), scheduling: facts, written: recorded },
    { name: 'changed labels are written', ledger: recorded, scheduling: { ...facts, labels: { zone: 'b' } }, written: { ...recorded, scheduling: { ...facts, labels: { zone: 'b' } } } },
    { name: 'a taint lifted is written', ledger: recorded, scheduling: { ...facts, taints: [] }, written: { ...recorded, scheduling: { ...facts, taints: [] } } },
    { name: 'the same facts write nothing', ledger: recorded, scheduling: facts, written: undefined },
    { name: 'the same labels in another order write nothing', ledger: recorded, scheduling: { ...facts, labels: { rack: '7', zone: 'a' } }, written: undefined },
  ])('$name', ({ ledger, scheduling, written }) => {
    expect(recordScheduling(ledger, scheduling)).toEqual(written);
    if (written !== undefined) expect(nodeLedgerSchema.parse(written)).toEqual(written);
  });
});
