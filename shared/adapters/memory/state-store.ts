// The StateStore port in memory, for unit tests of handlers. It keeps the DynamoDB adapter's
// semantics (test/contracts/state-store.contract.ts runs against both): versions, expiry, conflicts.
import { AppError } from '../../core/errors.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import {
  epochSeconds, itemId, stateItemOf, type ExpectedVersion, type ItemChanges, type ItemKey, type QueryOptions, type StateItem, type StateStore,
} from '../../ports/state-store.ts';

/** Options of {@link createMemoryStateStore}. */
export interface MemoryStateStoreOptions {
  /** Decides whether an item has expired; the system clock by default. */
  readonly clock?: Clock;
}

const copy = <T>(value: T): T => structuredClone(value);


function applyChanges(item: StateItem, changes: ItemChanges): StateItem {
  const removed = new Set(changes.remove ?? []);
  const data = Object.fromEntries(Object.entries({ ...item.data, ...changes.set }).filter(([field]) => !removed.has(field)));
  const expiresAt = changes.expiresAt ?? item.expiresAt;
  return stateItemOf({ ...item, data, ...(expiresAt === undefined ? {} : { expiresAt }) }, item.version + 1);
}

function versionConflict(key: ItemKey, expected: ExpectedVersion, current: StateItem | undefined): AppError {
  return new AppError('VERSION_CONFLICT', `item ${key.pk} / ${key.sk} is not at the expected version ${String(expected)}`, {
    details: { key: { pk: key.pk, sk: key.sk }, expectedVersion: expected, current: current === undefined ? null : copy(current) },
  });
}

const holds = (expected: ExpectedVersion, current: StateItem | undefined): boolean =>
  (expected === 'absent' ? current === undefined : current?.version === expected);

function matches(item: StateItem, partition: string, options: QueryOptions): boolean {
  const at = options.byLookup === true ? item.lookup : { partition: item.pk, sort: item.sk };
  return at !== undefined && at.partition === partition && at.sort.startsWith(options.prefix ?? '');
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sortKeyOf(item: StateItem, options: QueryOptions): string {
  return (options.byLookup === true ? item.lookup?.sort : item.sk) ?? '';
}

/** A {@link StateStore} held in a Map: atomic per call, like DynamoDB's single-item writes. */
export function createMemoryStateStore(options: MemoryStateStoreOptions = {}): StateStore {
  const items = new Map<string, StateItem>();
  const clock = options.clock ?? systemClock;
  const live = (key: ItemKey): StateItem | undefined => {
    const item = items.get(itemId(key));
    return item !== undefined && (item.expiresAt === undefined || item.expiresAt > epochSeconds(clock.now())) ? item : undefined;
  };

  return {
    async get(key) {
      const item = live(key);
      return item === undefined ? undefined : copy(item);
    },
    async getMany(keys) {
      return keys.map((key) => {
        const item = live(key);
        return item === undefined ? undefined : copy(item);
      });
    },
    async put(item, { expectVersion } = {}) {
      const current = live(item);
      if (expectVersion !== undefined && !holds(expectVersion, current)) throw versionConflict(item, expectVersion, current);
      const stored = stateItemOf(item, (items.get(itemId(item))?.version ?? 0) + 1);
      items.set(itemId(item), stored);
      return copy(stored);
    },
    async update(key, changes, { expectVersion }) {
      const overlap = (changes.remove ?? []).filter((field) => Object.hasOwn(changes.set ?? {}, field));
      if (overlap.length > 0) throw new AppError('INVALID_INPUT', `fields both set and removed: ${overlap.join(', ')}`, { details: { fields: overlap } });
      const current = live(key);
      if (current?.version !== expectVersion) throw versionConflict(key, expectVersion, current);
      const stored = applyChanges(current, changes);
      items.set(itemId(key), stored);
      return copy(stored);
    },
    async query(partition, queryOptions = {}) {
      const found = [...items.values()]
        .filter((item) => matches(item, partition, queryOptions) && live(item) !== undefined)
        .sort((a, b) => compare(sortKeyOf(a, queryOptions), sortKeyOf(b, queryOptions)));
      return copy(found.slice(0, queryOptions.limit ?? found.length));
    },
  };
}
