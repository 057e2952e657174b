import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineIssue, linesError, parseLines } from './line-issue.ts';
import { parseNvidiaSmiApps } from './nvidia-smi-apps.ts';
import { parseNvidiaSmiGpus } from './nvidia-smi-gpus.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/gpu/${name}`, import.meta.url), 'utf8');
const MIB = 1_048_576;

describe('Parser: nvidia-smi --query-gpu', () => {
  it('reads every GPU of an 8-GPU node, MiB as bytes, [N/A] and [Not Supported] as not available', () => {
    const { values, issues } = parseNvidiaSmiGpus(fixture('nvidia-smi-gpus.csv'));
    expect(issues).toEqual([]);
    expect(values).toHaveLength(8);
    expect(values[0]).toEqual({
      index: 0, uuid: 'GPU-1c4f4b6e-7f5a-2d3b-9c1e-0a1b2c3d4e50', name: 'NVIDIA A100-SXM4-80GB',
      memoryTotalBytes: 81920 * MIB, memoryUsedBytes: 40523 * MIB, utilizationPercent: 87,
    });
    expect(values[6]).toMatchObject({ index: 6, memoryUsedBytes: 13 * MIB, utilizationPercent: undefined });
    expect(values[7]).toMatchObject({ index: 7, memoryUsedBytes: undefined, utilizationPercent: 12 });
  });

  it('accepts Windows line ends, blank lines and decimal utilisation', () => {
    expect(parseNvidiaSmiGpus('\r\n0, GPU-a, Tesla T4, 15360, 0, 12.5\r\n\r\n').values).toEqual([
      { index: 0, uuid: 'GPU-a', name: 'Tesla T4', memoryTotalBytes: 15360 * MIB, memoryUsedBytes: 0, utilizationPercent: 12.5 },
    ]);
  });

  it.each([
    { name: 'too few fields', line: '0, GPU-a, Tesla T4, 15360, 0', field: 'nvidia-smi --query-gpu', rule: 'have 6 comma-separated fields' },
    { name: 'a unit left in (no nounits)', line: '0, GPU-a, Tesla T4, 15360 MiB, 0, 1', field: 'nvidia-smi memory.total', rule: 'be a whole number' },
    { name: 'utilisation above 100', line: '0, GPU-a, Tesla T4, 15360, 0, 101', field: 'nvidia-smi utilization.gpu', rule: 'be a percentage from 0 to 100' },
    { name: 'a negative memory', line: '0, GPU-a, Tesla T4, 15360, -1, 0', field: 'nvidia-smi memory.used', rule: 'be a whole number' },
    { name: 'an index not available', line: '[N/A], GPU-a, Tesla T4, 15360, 0, 0', field: 'nvidia-smi index', rule: 'be a whole number' },
    { name: 'no uuid', line: '0, [N/A], Tesla T4, 15360, 0, 0', field: 'nvidia-smi uuid', rule: 'be a GPU UUID' },
    { name: 'an empty name', line: '0, GPU-a, , 15360, 0, 0', field: 'nvidia-smi name', rule: 'be a GPU name' },
  ])('reports $name with its line number and keeps the good lines', ({ line, field, rule }) => {
    const { values, issues } = parseNvidiaSmiGpus(`1, GPU-ok, Tesla T4, 15360, 0, 0\n${line}\n`);
    expect(values.map((gpu) => gpu.uuid)).toEqual(['GPU-ok']);
    expect(issues).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', line: 2, field })]);
    expect(issues[0]?.rule).toContain(rule);
  });
});

describe('Parser: nvidia-smi --query-compute-apps', () => {
  it('reads every process, with [N/A] memory as not available', () => {
    const { values, issues } = parseNvidiaSmiApps(fixture('nvidia-smi-apps.csv'));
    expect(issues).toEqual([]);
    expect(values).toHaveLength(5);
    expect(values[0]).toEqual({ gpuUuid: 'GPU-1c4f4b6e-7f5a-2d3b-9c1e-0a1b2c3d4e50', pid: 48211, usedMemoryBytes: 30208 * MIB });
    expect(values[4]).toEqual({ gpuUuid: 'GPU-1c4f4b6e-7f5a-2d3b-9c1e-0a1b2c3d4e56', pid: 60012, usedMemoryBytes: undefined });
  });

  it('reads no process from empty output (an idle node)', () => {
    expect(parseNvidiaSmiApps('')).toEqual({ values: [], issues: [] });
  });

  it.each([
    { name: 'two fields', line: 'GPU-a, 12', field: 'nvidia-smi --query-compute-apps' },
    { name: 'no uuid', line: ', 12, 5', field: 'nvidia-smi gpu_uuid' },
    { name: 'pid 0', line: 'GPU-a, 0, 5', field: 'nvidia-smi pid' },
    { name: 'a pid that is not a number', line: 'GPU-a, init, 5', field: 'nvidia-smi pid' },
    { name: 'memory with a unit', line: 'GPU-a, 12, 5 MiB', field: 'nvidia-smi used_memory' },
  ])('reports $name', ({ line, field }) => {
    expect(parseNvidiaSmiApps(`GPU-a, 1, 1\n\n${line}`).issues).toEqual([expect.objectContaining({ line: 3, field })]);
  });
});

describe('Function: linesError()', () => {
  it('names the source, the first issues with their lines, and keeps them all in details', () => {
    const issues = parseNvidiaSmiGpus(Array.from({ length: 7 }, () => 'x').join('\n')).issues;
    const error = linesError('nvidia-smi', issues);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^nvidia-smi output has 7 bad line\(s\): line 1: nvidia-smi --query-gpu must have 6/);
    expect(error.message).toContain('and 2 more');
    expect(error.details['issues']).toHaveLength(7);
    expect(linesError('x', issues.slice(0, 1)).message).not.toContain('more');
  });
});

describe('Function: parseLines()', () => {
  it('keeps good lines, numbers bad ones, skips what the line parser skips and blank lines', () => {
    const parsed = parseLines('a\n\n# note\nbad\nb\n', (line, text) =>
      (text.startsWith('#') ? undefined : text === 'bad' ? lineIssue(line, 'sample', { rule: 'be good', received: text }) : { text }));
    expect(parsed.values).toEqual([{ text: 'a' }, { text: 'b' }]);
    expect(parsed.issues).toEqual([expect.objectContaining({ line: 4, field: 'sample', rule: 'be good', received: 'bad' })]);
  });
});
