import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/adapters/kafka/event-message.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { PendingChange } from './change-tracker.ts';
import type { MessageSink } from '../../shared/adapters/kafka/message-sink.ts';
import { createOutbox } from './outbox.ts';
import { startPublishLoop } from './publish-loop.ts';
import { createStateJournal } from './state-journal.ts';

const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

const change = (key: string): PendingChange => ({
  state: { kindName: key.startsWith('n') ? 'nodes' : 'pods', resourceVersion: '1', hash: 'h', object: { metadata: { name: key } }, deleted: false },
  message: { key, value: key, headers: {} },
});

/** A sink that fails the first `failures` sends, then records what it is sent. */
function flakySink(failures: number) {
  const sent: EventMessage[][] = [];
  let left = failures;
  const sink: MessageSink = {
    send: async (_topic, messages) => {
      if (left > 0) {
        left -= 1;
        throw new AppError('DEPENDENCY_UNAVAILABLE', 'broker down');
      }
      sent.push([...messages]);
    },
    disconnect: async () => undefined,
  };
  return { sink, sent };
}

function setup(failures: number) {
  const dir = mkdtempSync(join(tmpdir(), 'publish-'));
  dirs.push(dir);
  const outbox = createOutbox<PendingChange>(100);
  const journalPath = join(dir, 'state.jsonl');
  const errors: AppError[] = [];
  const { sink, sent } = flakySink(failures);
  return { outbox, journalPath, errors, sent, sink };
}

describe('Function: startPublishLoop()', () => {
  it('sends batches in order, journals them as acknowledged, and counts per kind', async () => {
    const at = setup(0);
    for (const key of ['p1', 'p2', 'n1']) await at.outbox.put(key, change(key));
    const loop = startPublishLoop({ outbox: at.outbox, journal: createStateJournal(at.journalPath), sink: at.sink, topic: 't', batchSize: 2, onError: (e) => at.errors.push(e) });
    await loop.stop(5_000);
    expect(at.sent.map((batch) => batch.map((message) => message.key))).toEqual([['p1', 'p2'], ['n1']]);
    expect(at.outbox.size()).toBe(0);
    expect(loop.stats()).toMatchObject({ failures: 0, batches: 2, published: new Map([['pods', 2], ['nodes', 1]]), sendingSinceMs: undefined });
    expect(createStateJournal(at.journalPath).load().get('p1')?.resourceVersion).toBe('1');
  });

  it('retries a failed batch after a pause and reports each failure; the journal shows it unacknowledged meanwhile', async () => {
    const at = setup(2);
    await at.outbox.put('p1', change('p1'));
    const loop = startPublishLoop({ outbox: at.outbox, journal: createStateJournal(at.journalPath), sink: at.sink, topic: 't', retryDelayMs: 10, onError: (e) => at.errors.push(e) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(createStateJournal(at.journalPath).load().get('p1')?.resourceVersion).toBeUndefined();
    await loop.stop(5_000);
    expect(at.errors.map((error) => error.message)).toEqual(['broker down', 'broker down']);
    expect(at.sent).toHaveLength(1);
    expect(loop.stats().failures).toBe(2);
    const lines = readFileSync(at.journalPath, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { op: string }).op);
    expect(lines).toEqual(['sent', 'acked']);
  });

  it('halves batches Kafka refuses, and drops the one message it refuses on its own', async () => {
    const at = setup(0);
    const sent: string[] = [];
    const sink: MessageSink = {
      send: async (_topic, messages) => {
        if (messages.length > 1 || messages[0]?.key === 'p-huge') throw new AppError('INTERNAL', 'MESSAGE_TOO_LARGE');
        sent.push(...messages.map((message) => message.key));
      },
      disconnect: async () => undefined,
    };
    for (const key of ['p1', 'p-huge', 'p2']) await at.outbox.put(key, change(key));
    const loop = startPublishLoop({ outbox: at.outbox, journal: createStateJournal(at.journalPath), sink, topic: 't', batchSize: 4, retryDelayMs: 1, onError: (e) => at.errors.push(e) });
    await loop.stop(5_000);
    expect(sent).toEqual(['p1', 'p2']);
    expect(loop.stats().dropped).toBe(1);
    expect(at.errors.map((error) => error.message)).toContain('dropped p-huge: Kafka refuses it on its own (MESSAGE_TOO_LARGE)');
    expect(at.outbox.size()).toBe(0);
  });

  it('gives up draining after the drain time, and wraps a non-AppError', async () => {
    const at = setup(0);
    const sink: MessageSink = { send: async () => { throw new Error('boom'); }, disconnect: async () => undefined };
    await at.outbox.put('p1', change('p1'));
    const loop = startPublishLoop({ outbox: at.outbox, journal: createStateJournal(at.journalPath), sink, topic: 't', retryDelayMs: 5, onError: (e) => at.errors.push(e) });
    await loop.stop(30);
    expect(at.outbox.size()).toBe(1);
    expect(at.errors[0]?.code).toBe('INTERNAL');
  });
});
