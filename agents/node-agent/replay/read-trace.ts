import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { isHeaderIssue } from '../../../shared/adapters/gpu/csv-header.ts';
import { parseGentd26Row, readGentd26Header, type Gentd26Columns, type Gentd26Measure, type SeriesPoint } from '../../../shared/adapters/gpu/gentd26-series.ts';
import type { LineIssue, Parsed } from '../../../shared/adapters/gpu/line-issue.ts';
import { parseOpenbFleet, type FleetNode } from '../../../shared/adapters/gpu/openb-fleet.ts';
import { AppError } from '../../../shared/core/errors.ts';

/** Issues kept per file; the rest are only counted. */
const KEPT_ISSUES = 100;

/** A series file read: its points, the first issues, and how many lines were bad in all. */
export interface SeriesRead extends Parsed<SeriesPoint> {
  readonly badLines: number;
}

/**
 * Read a gentd26 series file (gzip CSV, or plain CSV when the name does not end in `.gz`) line by line,
 * without loading the text whole. A missing file is `NOT_FOUND`; a bad header is `INVALID_INPUT`.
 */
export async function readGentd26Series(path: string, measure: Gentd26Measure): Promise<SeriesRead> {
  const input = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => { input.once('open', () => resolve()); input.once('error', reject); });
  await opened.catch((error: unknown) => { throw new AppError('NOT_FOUND', `replay series ${path} cannot be read: ${String(error)}`, { cause: error }); });
  const lines = createInterface({ input: path.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  const values: SeriesPoint[] = [];
  const issues: LineIssue[] = [];
  let badLines = 0;
  let columns: Gentd26Columns | undefined;
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    if (columns === undefined) {
      const header = readGentd26Header(text);
      if (isHeaderIssue(header)) throw new AppError('INVALID_INPUT', `replay series ${path}: header must ${header.rule}`, { details: { path } });
      columns = header;
      continue;
    }
    const parsed = parseGentd26Row(line, text, { columns, measure });
    if ('rule' in parsed) {
      badLines += 1;
      if (issues.length < KEPT_ISSUES) issues.push(parsed);
    } else values.push(parsed);
  }
  return { values, issues, badLines };
}

/** Read an openb node list; a missing file is `NOT_FOUND`. */
export async function readOpenbFleet(path: string): Promise<Parsed<FleetNode>> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => { throw new AppError('NOT_FOUND', `fleet file ${path} cannot be read: ${String(error)}`, { cause: error }); });
  return parseOpenbFleet(text);
}
