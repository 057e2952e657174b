import { mibToBytes, textField, wholeField } from './fields.ts';
import { lineIssue, parseLines, type LineIssue, type Parsed } from './line-issue.ts';

/** The nvidia-smi arguments of the compute-apps query (CSV, no header, memory in MiB). */
export const NVIDIA_SMI_APPS_ARGS = ['--query-compute-apps=gpu_uuid,pid,used_memory', '--format=csv,noheader,nounits'] as const;

/** One process using a GPU; `usedMemoryBytes` is `undefined` where the driver cannot tell (`[N/A]`, e.g. under MIG). */
export interface ComputeApp {
  readonly gpuUuid: string;
  readonly pid: number;
  readonly usedMemoryBytes: number | undefined;
}

function parseLine(line: number, text: string): ComputeApp | LineIssue {
  const fields = text.split(',');
  if (fields.length !== 3) return lineIssue(line, 'nvidia-smi --query-compute-apps', { rule: 'have 3 comma-separated fields (gpu_uuid, pid, used_memory)', received: text });
  const [uuidText = '', pidText = '', memoryText = ''] = fields;
  const gpuUuid = textField(uuidText, 'be a GPU UUID like GPU-5c0b...');
  if (!gpuUuid.ok) return lineIssue(line, 'nvidia-smi gpu_uuid', { rule: gpuUuid.rule, received: uuidText.trim() });
  const pid = wholeField(pidText, false);
  if (!pid.ok || pid.value === 0) return lineIssue(line, 'nvidia-smi pid', { rule: 'be a process id (a whole number above 0)', received: pidText.trim() });
  const memory = wholeField(memoryText, true);
  if (!memory.ok) return lineIssue(line, 'nvidia-smi used_memory', { rule: memory.rule, received: memoryText.trim() });
  return { gpuUuid: gpuUuid.value as string, pid: pid.value as number, usedMemoryBytes: memory.value === undefined ? undefined : mibToBytes(memory.value) };
}

/**
 * Parse `nvidia-smi --query-compute-apps=gpu_uuid,pid,used_memory --format=csv,noheader,nounits`: one
 * line per process on a GPU (none when idle). Bad lines become issues with their line numbers.
 */
export function parseNvidiaSmiApps(text: string): Parsed<ComputeApp> {
  return parseLines(text, parseLine);
}
