import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../shared/core/errors.ts';
import type { KubeObject } from '../../shared/adapters/kubernetes/informers/kube-object.ts';
import type { KnownObject } from './known-objects.ts';
import { KIND_NAMES, type KindName } from './watched-kinds.ts';

/** A line of the journal: a state about to be sent, or the keys (at their versions) Kafka acknowledged. */
type JournalLine =
  | { readonly op: 'sent'; readonly key: string; readonly kind: KindName; readonly rv: string | null; readonly hash: string | null; readonly deleted: boolean; readonly object: KubeObject }
  | { readonly op: 'acked'; readonly keys: readonly (readonly [string, number])[] };

/** A state to record before sending it. */
export interface SentState {
  readonly key: string;
  readonly seq: number;
  readonly state: KnownObject;
}

/** The published state, kept in an append-only file so a restarted agent knows what consumers have seen. */
export interface StateJournal {
  /** The objects published before, acknowledged or not (unacknowledged ones have no version or hash, so they are sent again). */
  load(): Map<string, KnownObject>;
  /** Record states about to be sent (before the send: a crash after it must still find them). */
  recordSent(states: readonly SentState[]): void;
  /** Record that Kafka acknowledged these states; deletes acknowledged are forgotten. */
  recordAcked(states: readonly SentState[]): void;
  /** Rewrite the file as one line per known object when it has grown past twice that. */
  compactIfLarge(): void;
}

interface Entry {
  state: KnownObject;
  acked: boolean;
}

const isKind = (value: unknown): value is KindName => typeof value === 'string' && (KIND_NAMES as readonly string[]).includes(value);

function apply(entries: Map<string, Entry>, line: JournalLine): void {
  if (line.op === 'sent') {
    if (!isKind(line.kind)) return;
    const state: KnownObject = { kindName: line.kind, resourceVersion: line.rv ?? undefined, hash: line.hash ?? undefined, object: line.object, deleted: line.deleted };
    entries.set(line.key, { state, acked: false });
    return;
  }
  for (const [key] of line.keys) {
    const entry = entries.get(key);
    if (entry === undefined) continue;
    if (entry.state.deleted) entries.delete(key);
    else entry.acked = true;
  }
}

/** The journal as loaded: acknowledged states as they are, the others with their version and hash forgotten. */
function toKnown(entries: Map<string, Entry>): Map<string, KnownObject> {
  return new Map([...entries].map(([key, entry]) => [key, entry.acked ? entry.state : { ...entry.state, resourceVersion: undefined, hash: undefined, deleted: false }]));
}

function parseLines(text: string, path: string): JournalLine[] {
  return text.split('\n').flatMap((line, at) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as JournalLine];
    } catch (error) {
      // The last line may be cut short by a kill in the middle of a write; anything earlier is damage.
      if (at >= text.split('\n').length - 2) return [];
      throw new AppError('INVALID_INPUT', `cluster-agent state file ${path} line ${at + 1} is not JSON`, { cause: error, details: { path, line: at + 1 } });
    }
  });
}

const sentLine = (key: string, state: KnownObject): JournalLine => ({
  op: 'sent', key, kind: state.kindName, rv: state.resourceVersion ?? null, hash: state.hash ?? null, deleted: state.deleted, object: state.object,
});

/** Replace the file with one `sent` line per object and one `acked` line (atomically: write, then rename); the new line count. */
function rewrite(path: string, entries: ReadonlyMap<string, Entry>): number {
  const snapshot = [...entries].map(([key, { state }]) => sentLine(key, state));
  const acked: JournalLine = { op: 'acked', keys: [...entries].filter(([, entry]) => entry.acked).map(([key]) => [key, 0] as const) };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, [...snapshot, acked].map((line) => `${JSON.stringify(line)}\n`).join(''));
  renameSync(`${path}.tmp`, path);
  return snapshot.length + 1;
}

/** The journal of published state at `path` (created on first write). */
export function createStateJournal(path: string): StateJournal {
  const entries = new Map<string, Entry>();
  let lines = 0;
  const append = (batch: readonly JournalLine[]): void => {
    if (batch.length === 0) return;
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, batch.map((line) => `${JSON.stringify(line)}\n`).join(''));
    lines += batch.length;
  };
  return {
    load() {
      if (!existsSync(path)) return new Map();
      const parsed = parseLines(readFileSync(path, 'utf8'), path);
      parsed.forEach((line) => apply(entries, line));
      lines = parsed.length;
      return toKnown(entries);
    },
    recordSent(states) {
      const batch = states.map(({ key, state }) => sentLine(key, state));
      batch.forEach((line) => apply(entries, line));
      append(batch);
    },
    recordAcked(states) {
      if (states.length === 0) return;
      const line: JournalLine = { op: 'acked', keys: states.map(({ key, seq }) => [key, seq] as const) };
      apply(entries, line);
      append([line]);
    },
    compactIfLarge() {
      if (lines <= Math.max(1_000, 2 * entries.size)) return;
      lines = rewrite(path, entries);
    },
  };
}
