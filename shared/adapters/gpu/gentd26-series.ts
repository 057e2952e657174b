import { readCsvHeader, isHeaderIssue, type ColumnIndex } from './csv-header.ts';
import { lineIssue, numberedLines, type LineIssue, type Parsed } from './line-issue.ts';

/** The two gentd26 series: GPU duty cycle in percent, and GPU memory used in bytes. */
export const GENTD26_MEASURES = {
  dutyCycle: { file: 'pod_gpu_duty_cycle_anon.csv.gz', max: 100, rule: 'be a duty cycle from 0 to 100 percent' },
  memoryBytes: { file: 'pod_gpu_memory_used_bytes_anon.csv.gz', max: Number.MAX_SAFE_INTEGER, rule: 'be a byte count 0 or more' },
} as const;

/** Which gentd26 series. */
export type Gentd26Measure = keyof typeof GENTD26_MEASURES;

/** The columns of both series (in either order): `value`, `timestamp_anon` (seconds), `container_ip` (hashed pod id). */
export const GENTD26_COLUMNS = ['value', 'timestamp_anon', 'container_ip'] as const;

/** One point of a series: the pod, when (ms since the epoch of the anonymised clock), and the value. */
export interface SeriesPoint {
  readonly pod: string;
  readonly atMs: number;
  readonly value: number;
}

const NUMBER = /^\d{1,20}(?:\.\d{1,20})?(?:[eE][+-]?\d{1,3})?$/;
const POD_ID = /^[0-9A-Za-z][0-9A-Za-z._-]{0,127}$/;

export type Gentd26Columns = ColumnIndex<(typeof GENTD26_COLUMNS)[number]>;

/** The columns of a gentd26 header line, or the issue with it. */
export const readGentd26Header = (text: string): Gentd26Columns | LineIssue => readCsvHeader(text, GENTD26_COLUMNS, 'gentd26');

/** One data line of a gentd26 series, or the issue with it. */
export function parseGentd26Row(line: number, text: string, options: { readonly columns: Gentd26Columns; readonly measure: Gentd26Measure }): SeriesPoint | LineIssue {
  const fields = text.split(',').map((field) => field.trim());
  if (fields.length !== GENTD26_COLUMNS.length) return lineIssue(line, 'gentd26 row', { rule: 'have 3 comma-separated fields', received: text });
  const { columns, measure } = options;
  const pod = fields[columns.container_ip] as string;
  const time = fields[columns.timestamp_anon] as string;
  const value = fields[columns.value] as string;
  if (!POD_ID.test(pod)) return lineIssue(line, 'gentd26 container_ip', { rule: 'be a pod id like 23b8eba99c14e73d454503a55ae96989', received: pod });
  if (!NUMBER.test(time) || !Number.isSafeInteger(Math.round(Number(time) * 1000))) {
    return lineIssue(line, 'gentd26 timestamp_anon', { rule: 'be a time in seconds like 1662858720.0', received: time });
  }
  const spec = GENTD26_MEASURES[measure];
  if (!NUMBER.test(value) || Number(value) > spec.max) return lineIssue(line, `gentd26 ${measure} value`, { rule: spec.rule, received: value });
  return { pod, atMs: Math.round(Number(time) * 1000), value: Number(value) };
}

/**
 * Parse a whole gentd26 series file (already decompressed): a header line naming the columns, then one
 * point per line. Bad lines become issues with their line numbers; a bad header stops the parse.
 */
export function parseGentd26Text(text: string, measure: Gentd26Measure): Parsed<SeriesPoint> {
  const [header, ...rows] = numberedLines(text);
  if (header === undefined) return { values: [], issues: [lineIssue(1, 'gentd26 header', { rule: `name the columns ${GENTD26_COLUMNS.join(', ')}`, received: '' })] };
  const columns = readGentd26Header(header.text);
  if (isHeaderIssue(columns)) return { values: [], issues: [{ ...columns, line: header.line }] };
  const values: SeriesPoint[] = [];
  const issues: LineIssue[] = [];
  for (const row of rows) {
    const parsed = parseGentd26Row(row.line, row.text, { columns, measure });
    if ('rule' in parsed) issues.push(parsed);
    else values.push(parsed);
  }
  return { values, issues };
}
