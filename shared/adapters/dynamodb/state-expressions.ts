// UpdateItem requests for the StateStore's versioned writes. Every write is an UpdateItem, so the new
// version is computed by DynamoDB itself (`if_not_exists(version, 0) + 1`) in the same atomic step as
// the condition check: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
import { AppError } from '../../core/errors.ts';
import type { ExpectedVersion, ItemChanges, NewItem, QueryOptions } from '../../ports/state-store.ts';
import { TABLE_LAYOUT as T } from './table-layout.ts';

/** The expression part of an UpdateItem input. Only names and values the expressions use are listed (DynamoDB rejects unused ones). */
export interface UpdateRequest {
  readonly UpdateExpression: string;
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

/** Placeholders for attribute names and values, numbered in order of use. */
function placeholders(): { name: (attribute: string) => string; value: (value: unknown) => string; names: Record<string, string>; values: Record<string, unknown> } {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const tokens = new Map<string, string>();
  const name = (attribute: string): string => {
    const token = tokens.get(attribute) ?? `#n${tokens.size}`;
    tokens.set(attribute, token);
    names[token] = attribute;
    return token;
  };
  const value = (content: unknown): string => {
    const token = `:v${Object.keys(values).length}`;
    values[token] = content;
    return token;
  };
  return { name, value, names, values };
}

type Placeholders = ReturnType<typeof placeholders>;

/** "The item exists and has not expired", the condition every versioned expectation builds on. */
function live(p: Placeholders, nowSeconds: number): string {
  return `(attribute_not_exists(${p.name(T.expiresAt)}) OR ${p.name(T.expiresAt)} > ${p.value(nowSeconds)})`;
}

function condition(p: Placeholders, expected: ExpectedVersion, nowSeconds: number): string {
  if (expected === 'absent') return `attribute_not_exists(${p.name(T.partitionKey)}) OR ${p.name(T.expiresAt)} <= ${p.value(nowSeconds)}`;
  return `${p.name(T.version)} = ${p.value(expected)} AND ${live(p, nowSeconds)}`;
}

function finish(p: Placeholders, clauses: { set: string[]; remove: string[]; condition?: string }): UpdateRequest {
  const remove = clauses.remove.length === 0 ? '' : ` REMOVE ${clauses.remove.join(', ')}`;
  return {
    UpdateExpression: `SET ${clauses.set.join(', ')}${remove}`,
    ...(clauses.condition === undefined ? {} : { ConditionExpression: clauses.condition }),
    ExpressionAttributeNames: p.names,
    ExpressionAttributeValues: p.values,
  };
}

/** Replace the whole item at `item`'s key, versioned; conditional when `expected` is given. */
export function putRequest(item: NewItem, expected: ExpectedVersion | undefined, nowSeconds: number): UpdateRequest {
  const p = placeholders();
  const set = [
    `${p.name(T.data)} = ${p.value(item.data)}`,
    `${p.name(T.version)} = if_not_exists(${p.name(T.version)}, ${p.value(0)}) + ${p.value(1)}`,
  ];
  const remove: string[] = [];
  if (item.expiresAt === undefined) remove.push(p.name(T.expiresAt));
  else set.push(`${p.name(T.expiresAt)} = ${p.value(item.expiresAt)}`);
  if (item.lookup === undefined) remove.push(p.name(T.lookupPartitionKey), p.name(T.lookupSortKey));
  else set.push(`${p.name(T.lookupPartitionKey)} = ${p.value(item.lookup.partition)}`, `${p.name(T.lookupSortKey)} = ${p.value(item.lookup.sort)}`);
  return finish(p, { set, remove, ...(expected === undefined ? {} : { condition: condition(p, expected, nowSeconds) }) });
}

/** Apply `changes` to the live item at version `expected`, raising its version by one. */
export function updateRequest(changes: ItemChanges, expected: number, nowSeconds: number): UpdateRequest {
  const overlap = (changes.remove ?? []).filter((field) => Object.hasOwn(changes.set ?? {}, field));
  if (overlap.length > 0) throw new AppError('INVALID_INPUT', `fields both set and removed: ${overlap.join(', ')}`, { details: { fields: overlap } });
  const p = placeholders();
  const set = [`${p.name(T.version)} = ${p.name(T.version)} + ${p.value(1)}`];
  for (const [field, content] of Object.entries(changes.set ?? {})) set.push(`${p.name(T.data)}.${p.name(field)} = ${p.value(content)}`);
  if (changes.expiresAt !== undefined) set.push(`${p.name(T.expiresAt)} = ${p.value(changes.expiresAt)}`);
  const remove = (changes.remove ?? []).map((field) => `${p.name(T.data)}.${p.name(field)}`);
  return finish(p, { set, remove, condition: condition(p, expected, nowSeconds) });
}

/** The expression part of a Query input: one partition, an optional sort-key prefix, expired items filtered out. */
export interface QueryRequest {
  readonly IndexName?: string;
  /** Strongly consistent on the table; global secondary indexes only offer eventual consistency. */
  readonly ConsistentRead: boolean;
  readonly KeyConditionExpression: string;
  readonly FilterExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

/** Read `partition` of the table (or of the lookup index, `byLookup`), sort keys starting with `prefix`. */
export function queryRequest(partition: string, options: QueryOptions, nowSeconds: number): QueryRequest {
  const p = placeholders();
  const [pk, sk] = options.byLookup === true ? [T.lookupPartitionKey, T.lookupSortKey] : [T.partitionKey, T.sortKey];
  const prefix = options.prefix === undefined || options.prefix === '' ? '' : ` AND begins_with(${p.name(sk)}, ${p.value(options.prefix)})`;
  return {
    ...(options.byLookup === true ? { IndexName: T.lookupIndex } : {}),
    ConsistentRead: options.byLookup !== true,
    KeyConditionExpression: `${p.name(pk)} = ${p.value(partition)}${prefix}`,
    FilterExpression: live(p, nowSeconds),
    ExpressionAttributeNames: p.names,
    ExpressionAttributeValues: p.values,
  };
}
