// Property tests of the GPU source parsers (middy-style fuzzing): any text parses without throwing; each
// non-blank line yields a value or a typed issue with its line number; a corrupted line yields exactly one
// issue and no value, and the other lines parse as if it were not there (nothing invented).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDcgmMetrics } from './dcgm-metrics.ts';
import { parseGentd26Text } from './gentd26-series.ts';
import type { LineIssue, Parsed } from './line-issue.ts';
import { parseNvidiaSmiApps } from './nvidia-smi-apps.ts';
import { parseNvidiaSmiGpus } from './nvidia-smi-gpus.ts';
import { parseOpenbFleet } from './openb-fleet.ts';
import { parsePrometheusText } from './prometheus-text.ts';

const MIB = 1_048_576;
const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.array(fc.string({ maxLength: 60 }), { maxLength: 12 }).map((lines) => lines.join('\n')));
const nonBlankLines = (text: string): number => text.split(/\r?\n/).filter((line) => line.trim() !== '').length;
const uuid = fc.stringMatching(/^GPU-[0-9a-f]{8}-[0-9a-f]{4}$/);
/** A token no numeric field accepts. */
const garbage = fc.constantFrom('x', '-1', '1e3', '0x10', '12 MiB', '', '1,5', 'NaN');

function wellFormedIssues(parsed: Parsed<unknown>, lines: number): void {
  for (const issue of parsed.issues) {
    expect(issue.code).toBe('INVALID_INPUT');
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.line).toBeLessThanOrEqual(Math.max(1, lines));
    expect(issue.rule.length).toBeGreaterThan(0);
  }
}

const lineCount = (text: string): number => text.split('\n').length;

describe('Properties: parsers never throw and account for every line', () => {
  it.each([
    { name: 'nvidia-smi gpus', parse: parseNvidiaSmiGpus, everyLine: true },
    { name: 'nvidia-smi apps', parse: parseNvidiaSmiApps, everyLine: true },
    { name: 'Prometheus text', parse: parsePrometheusText, everyLine: false },
    { name: 'dcgm-exporter', parse: parseDcgmMetrics, everyLine: false },
    { name: 'gentd26', parse: (text: string) => parseGentd26Text(text, 'dutyCycle'), everyLine: false },
    { name: 'openb', parse: parseOpenbFleet, everyLine: false },
  ])('$name', ({ parse, everyLine }) => {
    fc.assert(fc.property(anyText, (text) => {
      const parsed = parse(text);
      wellFormedIssues(parsed, lineCount(text));
      expect(parsed.values.length + parsed.issues.length).toBeLessThanOrEqual(Math.max(1, nonBlankLines(text)));
      if (everyLine) expect(parsed.values.length + parsed.issues.length).toBe(nonBlankLines(text));
    }), { numRuns: 300 });
  });
});

const gpuRow = fc.record({
  index: fc.nat(64), uuid, name: fc.constantFrom('NVIDIA A100-SXM4-80GB', 'Tesla T4', 'NVIDIA H100 80GB HBM3'),
  total: fc.nat(200_000), used: fc.option(fc.nat(200_000), { nil: undefined }), util: fc.option(fc.nat(100), { nil: undefined }),
});
type GpuRow = typeof gpuRow extends fc.Arbitrary<infer R> ? R : never;
const gpuLine = (row: GpuRow): string => [row.index, row.uuid, row.name, row.total, row.used ?? '[N/A]', row.util ?? '[Not Supported]'].join(', ');

/** Corrupt field `field` of line `at`; the parse must report exactly that line and keep the rest. */
function corruptionHolds<T>(options: { lines: string[]; at: number; field: number; token: string; parse: (text: string) => Parsed<T>; firstLine?: number }): LineIssue {
  const { lines, at, field, token, parse, firstLine = 1 } = options;
  const index = at % lines.length;
  const fields = (lines[index] ?? '').split(', ');
  fields[field % fields.length] = token;
  const corrupted = lines.map((line, i) => (i === index ? fields.join(', ') : line));
  const parsed = parse(corrupted.join('\n'));
  const expected = parse(lines.filter((_line, i) => i !== index).join('\n')).values;
  expect(parsed.issues).toHaveLength(1);
  expect(parsed.issues[0]?.line).toBe(index + firstLine);
  expect(parsed.values).toEqual(expected);
  return parsed.issues[0] as LineIssue;
}

describe('Properties: nvidia-smi', () => {
  it('reads generated GPU lines back exactly', () => {
    fc.assert(fc.property(fc.array(gpuRow, { maxLength: 16 }), (rows) => {
      const parsed = parseNvidiaSmiGpus(rows.map(gpuLine).join('\n'));
      expect(parsed.issues).toEqual([]);
      expect(parsed.values).toEqual(rows.map((row) => ({
        index: row.index, uuid: row.uuid, name: row.name, memoryTotalBytes: row.total * MIB,
        memoryUsedBytes: row.used === undefined ? undefined : row.used * MIB, utilizationPercent: row.util,
      })));
    }));
  });

  it('reports a corrupted numeric field on its line and nothing else', () => {
    fc.assert(fc.property(fc.record({ rows: fc.array(gpuRow, { minLength: 1, maxLength: 10 }), at: fc.nat(), field: fc.constantFrom(0, 3, 4, 5), token: garbage }), ({ rows, at, field, token }) => {
      corruptionHolds({ lines: rows.map(gpuLine), at, field, token, parse: parseNvidiaSmiGpus });
    }));
  });

  it('reports a corrupted compute-apps line on its line and nothing else', () => {
    const app = fc.record({ uuid, pid: fc.integer({ min: 1, max: 4_000_000 }), memory: fc.nat(100_000) });
    fc.assert(fc.property(fc.record({ apps: fc.array(app, { minLength: 1, maxLength: 10 }), at: fc.nat(), field: fc.constantFrom(1, 2), token: garbage }), ({ apps, at, field, token }) => {
      corruptionHolds({ lines: apps.map((a) => `${a.uuid}, ${a.pid}, ${a.memory}`), at, field, token, parse: parseNvidiaSmiApps });
    }));
  });
});

describe('Properties: dcgm-exporter', () => {
  const gpu = fc.record({ util: fc.nat(100), used: fc.nat(100_000), free: fc.nat(100_000) });

  it('reads generated pages back exactly, and a corrupted value yields one issue and no value for it', () => {
    fc.assert(fc.property(fc.array(gpu, { minLength: 1, maxLength: 8 }), fc.nat(), garbage, (gpus, at, token) => {
      const lines = gpus.flatMap((g, i) => [
        `# TYPE DCGM_FI_DEV_GPU_UTIL gauge`,
        `DCGM_FI_DEV_GPU_UTIL{gpu="${i}",UUID="GPU-${i}",modelName="Tesla T4"} ${g.util}`,
        `DCGM_FI_DEV_FB_USED{gpu="${i}",UUID="GPU-${i}",modelName="Tesla T4"} ${g.used}`,
        `DCGM_FI_DEV_FB_FREE{gpu="${i}",UUID="GPU-${i}",modelName="Tesla T4"} ${g.free}`,
      ]);
      const good = parseDcgmMetrics(lines.join('\n'));
      expect(good.issues).toEqual([]);
      expect(good.values.map((g) => [g.utilizationPercent, g.usedBytes, g.totalBytes])).toEqual(gpus.map((g) => [g.util, g.used * MIB, (g.used + g.free) * MIB]));
      const target = 1 + (at % gpus.length) * 4;
      const corrupted = lines.map((line, i) => (i === target ? line.replace(/ \d+$/, ` ${token}`) : line));
      const parsed = parseDcgmMetrics(corrupted.join('\n'));
      expect(parsed.issues).toHaveLength(1);
      expect(parsed.issues[0]?.line).toBe(target + 1);
      expect(parsed.values[at % gpus.length]?.utilizationPercent).toBeUndefined();
    }));
  });
});

describe('Properties: trace files', () => {
  it('a corrupted gentd26 field yields one issue on its line and the other points unchanged', () => {
    const point = fc.record({ value: fc.nat(100), time: fc.nat(2_000_000_000), pod: fc.stringMatching(/^[0-9a-f]{8}$/) });
    fc.assert(fc.property(fc.record({ points: fc.array(point, { minLength: 1, maxLength: 10 }), at: fc.nat(), field: fc.constantFrom(0, 1, 2), token: garbage }), ({ points, at, field, token }) => {
      const header = 'value, timestamp_anon, container_ip';
      const parse = (text: string) => parseGentd26Text(`${header}\n${text}`, 'dutyCycle');
      const issue = corruptionHolds({ lines: points.map((p) => `${p.value}, ${p.time}, ${p.pod}`), at, field, token: token === '' ? '' : `${token}!`, parse, firstLine: 2 });
      expect(issue.field).toMatch(/^gentd26 /);
    }));
  });

  it('a corrupted openb count yields one issue and the other nodes unchanged', () => {
    const node = fc.record({ gpus: fc.nat(8), cpu: fc.nat(128_000) });
    fc.assert(fc.property(fc.record({ nodes: fc.array(node, { minLength: 1, maxLength: 10 }), at: fc.nat(), field: fc.constantFrom(1, 3), token: garbage }), ({ nodes, at, field, token }) => {
      const parse = (text: string) => parseOpenbFleet(`sn, cpu_milli, memory_mib, gpu, model\n${text}`);
      corruptionHolds({ lines: nodes.map((n, i) => `n${i}, ${n.cpu}, 1024, ${n.gpus}, T4`), at, field, token: token.replace(',', ';'), parse, firstLine: 2 });
    }));
  });
});
