/**
 * The state the functions keep between events (ARCHITECTURE §4): node ledgers, pod → allocation
 * index, profile state, histograms. Every item carries a version number and every write can be made
 * conditional on it, so "read, decide, write" never loses a concurrent update (STYLE rule 5): a stale
 * writer gets a `VERSION_CONFLICT` AppError, re-reads and re-decides.
 *
 * Items that carry `expiresAt` are treated as absent once it has passed, by reads and by the
 * `'absent'` expectation alike: DynamoDB deletes expired items only lazily and the local server never
 * does (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html).
 */

/** Where an item lives: its partition (`cluster#c1#node#n1`) and its sort key within it. */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/**
 * A key as one string, for maps keyed by item (caches, batch reads, the memory table). The separator
 * is NUL, which no partition or sort key the functions build contains, so two keys never share an id.
 */
export const itemId = (key: ItemKey): string => `${key.pk}\u0000${key.sk}`;

/** An item's own content: JSON-safe plain data (no `undefined`, class instances or functions). */
export type ItemData = Readonly<Record<string, unknown>>;

/**
 * A second way to find an item, for inverted lookups ("the allocation of pod uid X", "every item of
 * type Y"): items that share `partition` are queried together, ordered by `sort`.
 */
export interface ItemLookup {
  readonly partition: string;
  readonly sort: string;
}

/** An item to write: its key, data, and optionally an expiry and a lookup. */
export interface NewItem extends ItemKey {
  readonly data: ItemData;
  /** When the item stops existing, in epoch seconds. */
  readonly expiresAt?: number;
  readonly lookup?: ItemLookup;
}

/** An item as stored: what was written plus the version the store gave it (1 for a new item). */
export interface StateItem extends NewItem {
  readonly version: number;
}

/**
 * What a write expects to find: the version it read, or `'absent'` for "create, don't overwrite".
 * A write whose expectation does not hold fails with `VERSION_CONFLICT`, whose details carry the
 * current item (`details.current`, `null` when absent).
 */
export type ExpectedVersion = number | 'absent';

/** Changes to an existing item's data: top-level fields replaced or removed (not both), and a new expiry. */
export interface ItemChanges {
  readonly set?: ItemData;
  readonly remove?: readonly string[];
  readonly expiresAt?: number;
}

/** How to read a partition: only sort keys starting with `prefix`, at most `limit` items. */
export interface QueryOptions {
  readonly prefix?: string;
  readonly limit?: number;
  /** Read the lookup partition (`ItemLookup.partition`) instead of the primary one. */
  readonly byLookup?: boolean;
}

/** Versioned items with optimistic concurrency. Errors are `AppError`s: `VERSION_CONFLICT`, `THROTTLED`, `DEPENDENCY_UNAVAILABLE`. */
export interface StateStore {
  /** The live item at `key`, or `undefined` when there is none or it has expired. */
  get(key: ItemKey): Promise<StateItem | undefined>;

  /**
   * The live items at `keys`, strongly consistent like {@link StateStore.get}, in the order asked
   * (`undefined` where there is none or it has expired; a repeated key answers each time). Any number
   * of keys: the DynamoDB adapter reads them 100 at a time (BatchGetItem) and asks again for the keys a
   * throttled call left unprocessed, so a batch of workloads costs one round trip per 100, not one each.
   */
  getMany(keys: readonly ItemKey[]): Promise<(StateItem | undefined)[]>;

  /**
   * Write a whole item. With `expectVersion`, only if the stored version is that number (or there is
   * no live item, for `'absent'`); without it, unconditionally. The version always goes up by one, so
   * a re-created item never reuses a version an old reader might still hold.
   */
  put(item: NewItem, options?: { readonly expectVersion?: ExpectedVersion }): Promise<StateItem>;

  /**
   * Change the live item at `key` if its version is `expectVersion`; the version goes up by one.
   * A field both set and removed is `INVALID_INPUT`.
   */
  update(key: ItemKey, changes: ItemChanges, options: { readonly expectVersion: number }): Promise<StateItem>;

  /** Live items of one partition, in ascending sort-key order. */
  query(partition: string, options?: QueryOptions): Promise<readonly StateItem[]>;
}

/** A time as `expiresAt` counts it: whole seconds since the epoch. */
export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** `item` as written at `version`: what a read returns (a deep copy, so the caller's object stays its own). */
export const stateItemOf = (item: NewItem, version: number): StateItem => structuredClone({
  pk: item.pk, sk: item.sk, data: item.data, version,
  ...(item.expiresAt === undefined ? {} : { expiresAt: item.expiresAt }),
  ...(item.lookup === undefined ? {} : { lookup: item.lookup }),
});
