import { lineIssue, parseLines, type LineIssue, type Parsed } from './line-issue.ts';

/** One sample of the Prometheus text exposition format: metric name, labels, value, and its line. */
export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly line: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const VALUE = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)$/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', 'n': '\n' };

/** Read a quoted label value starting after its opening quote; the value and where it ends, or undefined. */
function readQuoted(text: string, from: number): { value: string; end: number } | undefined {
  let value = '';
  for (let at = from; at < text.length; at += 1) {
    const char = text[at];
    if (char === '"') return { value, end: at + 1 };
    if (char !== '\\') {
      value += char;
      continue;
    }
    const escaped = ESCAPES[text[at + 1] ?? ''];
    if (escaped === undefined) return undefined;
    value += escaped;
    at += 1;
  }
  return undefined;
}

/** Read `{name="value",...}` starting at `{`; the labels and where they end, or the rule broken. */
function readLabels(text: string, from: number): { labels: Record<string, string>; end: number } | string {
  const labels: Record<string, string> = {};
  let at = from + 1;
  while (text[at] !== '}') {
    const name = LABEL_NAME.exec(text.slice(at))?.[0];
    if (name === undefined || text[at + name.length] !== '=' || text[at + name.length + 1] !== '"') return 'have labels like {gpu="0",UUID="GPU-..."}';
    const quoted = readQuoted(text, at + name.length + 2);
    if (quoted === undefined) return 'close every label value with an unescaped "';
    labels[name] = quoted.value;
    at = quoted.end;
    if (text[at] === ',') at += 1;
    else if (text[at] !== '}') return 'separate labels with ","';
  }
  return { labels, end: at + 1 };
}

function parseSampleLine(line: number, text: string): PromSample | LineIssue {
  const name = NAME.exec(text)?.[0];
  if (name === undefined) return lineIssue(line, 'metrics sample', { rule: 'start with a metric name', received: text });
  const read = text[name.length] === '{' ? readLabels(text, name.length) : { labels: {}, end: name.length };
  if (typeof read === 'string') return lineIssue(line, `metrics ${name} labels`, { rule: read, received: text });
  const rest = text.slice(read.end).trim().split(/\s+/);
  const [valueText = '', timestamp, ...extra] = rest;
  if (!VALUE.test(valueText)) return lineIssue(line, `metrics ${name} value`, { rule: 'be a number, NaN, +Inf or -Inf', received: valueText });
  if (extra.length > 0 || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) {
    return lineIssue(line, `metrics ${name}`, { rule: 'end with a value and an optional integer timestamp', received: text });
  }
  return { name, labels: read.labels, value: Number(valueText.replace(/Inf$/, 'Infinity')), line };
}

/**
 * Parse the Prometheus text exposition format (https://prometheus.io/docs/instrumenting/exposition_formats/),
 * as a DCGM exporter serves it: `# HELP` / `# TYPE` and other comments are skipped, every other line is
 * a sample `name{label="value",...} value [timestamp]` with `\\`, `\"` and `\n` escapes in label values.
 * A line that is not a well-formed sample becomes an issue with its line number.
 */
export function parsePrometheusText(text: string): Parsed<PromSample> {
  return parseLines(text, (line, content) => {
    const trimmed = content.trim();
    return trimmed.startsWith('#') ? undefined : parseSampleLine(line, trimmed);
  });
}
