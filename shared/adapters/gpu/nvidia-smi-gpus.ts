import type { FieldResult } from './fields.ts';
import { mibToBytes, percentField, textField, wholeField } from './fields.ts';
import { lineIssue, parseLines, type LineIssue, type Parsed } from './line-issue.ts';

/** The query the parser expects, field by field: the order of the CSV columns. */
export const NVIDIA_SMI_GPU_QUERY = ['index', 'uuid', 'name', 'memory.total', 'memory.used', 'utilization.gpu'] as const;

/** The nvidia-smi arguments of the GPU query (CSV, no header, no units: MiB and %). */
export const NVIDIA_SMI_GPU_ARGS = [`--query-gpu=${NVIDIA_SMI_GPU_QUERY.join(',')}`, '--format=csv,noheader,nounits'] as const;

/** One GPU as nvidia-smi reports it; a value the driver reports as not available (`[N/A]`) is `undefined`. */
export interface NvidiaSmiGpu {
  readonly index: number;
  readonly uuid: string;
  readonly name: string;
  readonly memoryTotalBytes: number | undefined;
  readonly memoryUsedBytes: number | undefined;
  readonly utilizationPercent: number | undefined;
}

type Row = { -readonly [K in keyof NvidiaSmiGpu]: NvidiaSmiGpu[K] };

const READERS: { readonly [K in (typeof NVIDIA_SMI_GPU_QUERY)[number]]: (text: string) => FieldResult<string | number> } = {
  'index': (text) => wholeField(text, false),
  'uuid': (text) => textField(text, 'be a GPU UUID like GPU-5c0b...'),
  'name': (text) => textField(text, 'be a GPU name'),
  'memory.total': (text) => wholeField(text, true),
  'memory.used': (text) => wholeField(text, true),
  'utilization.gpu': (text) => percentField(text),
};

const KEYS = { 'index': 'index', 'uuid': 'uuid', 'name': 'name', 'memory.total': 'memoryTotalBytes', 'memory.used': 'memoryUsedBytes', 'utilization.gpu': 'utilizationPercent' } as const;

function parseLine(line: number, text: string): NvidiaSmiGpu | LineIssue {
  const fields = text.split(',');
  if (fields.length !== NVIDIA_SMI_GPU_QUERY.length) {
    return lineIssue(line, 'nvidia-smi --query-gpu', { rule: `have ${NVIDIA_SMI_GPU_QUERY.length} comma-separated fields (${NVIDIA_SMI_GPU_QUERY.join(', ')})`, received: text });
  }
  const row: Partial<Row> = {};
  for (const [at, name] of NVIDIA_SMI_GPU_QUERY.entries()) {
    const raw = fields[at] ?? '';
    const read = READERS[name](raw);
    if (!read.ok) return lineIssue(line, `nvidia-smi ${name}`, { rule: read.rule, received: raw.trim() });
    (row as Record<string, unknown>)[KEYS[name]] = read.value;
  }
  const { memoryTotalBytes: total, memoryUsedBytes: used } = row;
  return { ...(row as Row), memoryTotalBytes: total === undefined ? undefined : mibToBytes(total), memoryUsedBytes: used === undefined ? undefined : mibToBytes(used) };
}

/**
 * Parse the output of `nvidia-smi --query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu
 * --format=csv,noheader,nounits`: one line per GPU, memory in MiB, utilisation in percent. A line that
 * does not have six fields, or whose field breaks its rule, becomes an issue with its line number.
 */
export function parseNvidiaSmiGpus(text: string): Parsed<NvidiaSmiGpu> {
  return parseLines(text, parseLine);
}
