import { AppError } from '../../core/errors.ts';
import { formatIssue, invalidInput, type Issue } from '../../core/model/issue.ts';

/** A problem with one line of a source's output: where (1-based line), which field, the rule, the text received. */
export interface LineIssue extends Issue {
  readonly line: number;
}

/** What a line parser found: the values of the good lines, and one issue per bad line (never a guess). */
export interface Parsed<T> {
  readonly values: T[];
  readonly issues: LineIssue[];
}

/** An `INVALID_INPUT` issue about `field` of line `line`. */
export function lineIssue(line: number, field: string, found: { readonly rule: string; readonly received?: unknown }): LineIssue {
  return { ...invalidInput(field, found.rule, found.received), line };
}

/** The lines of `text` with their 1-based numbers, blank ones left out (a trailing newline is not a line). */
export function numberedLines(text: string): { readonly line: number; readonly text: string }[] {
  return text.split(/\r?\n/).flatMap((content, at) => (content.trim() === '' ? [] : [{ line: at + 1, text: content }]));
}

/**
 * Parse `text` line by line with `parseLine` (blank lines left out): what each good line gave, and every
 * bad line as an issue with its number. A `parseLine` that returns `undefined` skips the line (a comment).
 */
export function parseLines<T extends object>(text: string, parseLine: (line: number, text: string) => T | LineIssue | undefined): Parsed<T> {
  const values: T[] = [];
  const issues: LineIssue[] = [];
  for (const { line, text: content } of numberedLines(text)) {
    const parsed = parseLine(line, content);
    if (parsed === undefined) continue;
    if (isLineIssue(parsed)) issues.push(parsed);
    else values.push(parsed);
  }
  return { values, issues };
}

const isLineIssue = (value: object): value is LineIssue => 'line' in value && 'rule' in value && 'field' in value;

const SHOWN = 5;

/**
 * The `INVALID_INPUT` error for a source whose output had bad lines: the first few issues in the message
 * (`line 3: nvidia-smi memory.used must be ...`), every issue in `details.issues`.
 */
export function linesError(source: string, issues: readonly LineIssue[]): AppError {
  const shown = issues.slice(0, SHOWN).map((found) => `line ${found.line}: ${formatIssue(found)}`);
  const more = issues.length > SHOWN ? `; and ${issues.length - SHOWN} more` : '';
  return new AppError('INVALID_INPUT', `${source} output has ${issues.length} bad line(s): ${shown.join('; ')}${more}`, { details: { source, issues } });
}
