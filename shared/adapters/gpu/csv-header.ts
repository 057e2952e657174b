import { lineIssue, type LineIssue } from './line-issue.ts';

/** Where each named column is in a CSV file with a header line. */
export type ColumnIndex<C extends string> = { readonly [K in C]: number };

/**
 * The position of each of `columns` in the header line `text` (any order, extra columns allowed), or an
 * issue naming the missing ones. Files of the same trace do not agree on column order (gentd26's duty
 * cycle file starts with `value`, its memory file with `timestamp_anon`), so columns go by name.
 */
export function readCsvHeader<C extends string>(text: string, columns: readonly C[], source: string): ColumnIndex<C> | LineIssue {
  const names = text.split(',').map((name) => name.trim());
  const missing = columns.filter((column) => !names.includes(column));
  if (missing.length > 0) return lineIssue(1, `${source} header`, { rule: `name the columns ${columns.join(', ')} (missing ${missing.join(', ')})`, received: text });
  return Object.fromEntries(columns.map((column) => [column, names.indexOf(column)])) as ColumnIndex<C>;
}

/** Whether `value` is a header parse issue rather than a column index. */
export const isHeaderIssue = <C extends string>(value: ColumnIndex<C> | LineIssue): value is LineIssue => 'rule' in value;
