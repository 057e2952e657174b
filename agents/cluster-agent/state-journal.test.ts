import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KnownObject } from './known-objects.ts';
import { createStateJournal, type SentState } from './state-journal.ts';

const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });
const file = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  dirs.push(dir);
  return join(dir, 'nested', 'state.jsonl');
};
const state = (key: string, rv: string, deleted = false): SentState => ({
  key, seq: 1, state: { kindName: 'pods', resourceVersion: rv, hash: `h${rv}`, object: { metadata: { name: key, resourceVersion: rv } }, deleted } satisfies KnownObject,
});

describe('Adapter: cluster-agent state journal', () => {
  it('loads nothing when there is no file', () => {
    expect(createStateJournal(file()).load().size).toBe(0);
  });

  it('keeps acknowledged states as they are and forgets deletes once acknowledged', () => {
    const path = file();
    const journal = createStateJournal(path);
    journal.recordSent([state('a', '1'), state('b', '2')]);
    journal.recordAcked([state('a', '1'), state('b', '2')]);
    journal.recordSent([state('b', '3', true)]);
    journal.recordAcked([state('b', '3', true)]);
    const loaded = createStateJournal(path).load();
    expect([...loaded.keys()]).toEqual(['a']);
    expect(loaded.get('a')).toMatchObject({ resourceVersion: '1', hash: 'h1', deleted: false });
  });

  it('loads a state sent but never acknowledged without its version, and an unacknowledged delete as not deleted, so both are redone', () => {
    const path = file();
    const journal = createStateJournal(path);
    journal.recordSent([state('a', '1'), state('b', '2')]);
    journal.recordAcked([state('a', '1'), state('b', '2')]);
    journal.recordSent([state('a', '4'), state('b', '5', true)]);
    const loaded = createStateJournal(path).load();
    expect(loaded.get('a')).toMatchObject({ resourceVersion: undefined, hash: undefined, deleted: false, object: { metadata: { resourceVersion: '4' } } });
    expect(loaded.get('b')).toMatchObject({ resourceVersion: undefined, deleted: false });
  });

  it('skips a last line cut short by a kill, but refuses damage before it', () => {
    const path = file();
    createStateJournal(path).recordSent([state('a', '1')]);
    appendFileSync(path, '{"op":"acked","ke');
    expect(createStateJournal(path).load().get('a')?.resourceVersion).toBeUndefined();
    writeFileSync(path, `garbage\n${readFileSync(path, 'utf8')}`);
    expect(() => createStateJournal(path).load()).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('line 1') }));
  });

  it('ignores lines of unknown kinds and acks of unknown keys', () => {
    const path = file();
    createStateJournal(path).recordAcked([state('nobody', '1')]);
    appendFileSync(path, `${JSON.stringify({ op: 'sent', key: 'x/1', kind: 'secrets', rv: '1', hash: 'h', deleted: false, object: {} })}\n`);
    expect(createStateJournal(path).load().size).toBe(0);
  });

  it('compacts to one line per object (plus the acks) once it has grown, keeping the same state', () => {
    const path = file();
    const journal = createStateJournal(path);
    journal.load();
    for (let round = 0; round < 600; round += 1) {
      journal.recordSent([state('a', String(round)), state('b', String(round))]);
      journal.recordAcked([state('a', String(round))]);
    }
    journal.compactIfLarge();
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3);
    const loaded = createStateJournal(path).load();
    expect(loaded.get('a')?.resourceVersion).toBe('599');
    expect(loaded.get('b')?.resourceVersion).toBeUndefined();
    journal.compactIfLarge();
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3);
    journal.recordAcked([]);
  });
});
