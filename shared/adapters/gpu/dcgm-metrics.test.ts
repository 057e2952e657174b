import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDcgmMetrics } from './dcgm-metrics.ts';
import { parsePrometheusText } from './prometheus-text.ts';

const page = readFileSync(new URL('../../../test/fixtures/gpu/dcgm-exporter.txt', import.meta.url), 'utf8');
const MIB = 1_048_576;
const labels = 'gpu="0",UUID="GPU-a",modelName="Tesla T4"';

describe('Parser: Prometheus text format', () => {
  it('skips HELP and TYPE lines and reads every sample of a dcgm-exporter page', () => {
    const { values, issues } = parsePrometheusText(page);
    expect(issues).toEqual([]);
    expect(values).toHaveLength(8 * 5);
    expect(values[0]).toMatchObject({ name: 'DCGM_FI_DEV_SM_CLOCK', value: 1590, line: 3, labels: { gpu: '0', pod: 'bert-train-0', container: 'trainer' } });
  });

  it.each([
    { name: 'no labels', text: 'up 1', expected: { name: 'up', labels: {}, value: 1 } },
    { name: 'empty labels and a timestamp', text: 'up{} 1 1700000000000', expected: { name: 'up', labels: {}, value: 1 } },
    { name: 'escapes in a label value', text: 'm{a="x\\"y\\\\z\\n"} 2', expected: { labels: { a: 'x"y\\z\n' }, value: 2 } },
    { name: 'a trailing comma', text: 'm{a="1",} 3e2', expected: { labels: { a: '1' }, value: 300 } },
    { name: '+Inf', text: 'm +Inf', expected: { value: Infinity } },
    { name: '-Inf', text: 'm -Inf', expected: { value: -Infinity } },
    { name: 'NaN', text: 'm NaN', expected: { value: NaN } },
  ])('reads a sample with $name', ({ text, expected }) => {
    const { values, issues } = parsePrometheusText(`# a comment\n${text}\n`);
    expect(issues).toEqual([]);
    expect(values[0]).toMatchObject({ ...expected, line: 2 });
  });

  it.each([
    { name: 'no metric name', text: '{a="1"} 1', rule: 'start with a metric name' },
    { name: 'an unquoted label value', text: 'm{a=1} 1', rule: 'have labels like' },
    { name: 'an unclosed label value', text: 'm{a="1} 1', rule: 'close every label value' },
    { name: 'a bad escape', text: 'm{a="\\t"} 1', rule: 'close every label value' },
    { name: 'labels not separated', text: 'm{a="1" b="2"} 1', rule: 'separate labels with' },
    { name: 'no value', text: 'm{a="1"}', rule: 'be a number' },
    { name: 'a word for a value', text: 'm twelve', rule: 'be a number' },
    { name: 'a bad timestamp', text: 'm 1 soon', rule: 'optional integer timestamp' },
    { name: 'extra fields', text: 'm 1 2 3', rule: 'optional integer timestamp' },
  ])('reports $name with its line', ({ text, rule }) => {
    const { values, issues } = parsePrometheusText(`ok 1\n${text}`);
    expect(values).toHaveLength(1);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'INVALID_INPUT', line: 2 });
    expect(issues[0]?.rule).toContain(rule);
  });
});

describe('Parser: dcgm-exporter metrics', () => {
  it('groups the page by GPU: index, model, host, utilisation, memory, and the pods on each GPU', () => {
    const { values, issues } = parseDcgmMetrics(page);
    expect(issues).toEqual([]);
    expect(values.map((gpu) => gpu.index)).toEqual([0, 1, 2, 3]);
    expect(values[0]).toEqual({
      uuid: 'GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e50', index: 0, model: 'Tesla T4', hostname: 'gpu-t4-node-3', utilizationPercent: 97,
      usedBytes: 12830 * MIB, totalBytes: 14931 * MIB, workloads: [{ namespace: 'ml', pod: 'bert-train-0', container: 'trainer' }],
    });
    expect(values[1]?.workloads.map((w) => w.pod)).toEqual(['llm-a-5d9f7-abcde', 'llm-b-6c8e1-fghij']);
    expect(values[3]).toMatchObject({ utilizationPercent: 0, usedBytes: 0, workloads: [] });
  });

  it('leaves out what the exporter did not report, and a pod without a container name keeps none', () => {
    const { values } = parseDcgmMetrics(`DCGM_FI_DEV_GPU_UTIL{${labels},namespace="ml",pod="p"} 5\nDCGM_FI_DEV_FB_USED{gpu="1",UUID="GPU-b"} 7`);
    expect(values[0]).toMatchObject({ model: 'Tesla T4', hostname: undefined, usedBytes: undefined, totalBytes: undefined, workloads: [{ namespace: 'ml', pod: 'p' }] });
    expect(values[1]).toMatchObject({ model: 'unknown', utilizationPercent: undefined, usedBytes: 7 * MIB, totalBytes: undefined });
  });

  it.each([
    { name: 'no UUID label', text: 'DCGM_FI_DEV_GPU_UTIL{gpu="0"} 5', field: 'metrics DCGM_FI_DEV_GPU_UTIL UUID' },
    { name: 'a GPU index that is not a number', text: 'DCGM_FI_DEV_GPU_UTIL{gpu="x",UUID="GPU-a"} 5', field: 'metrics DCGM_FI_DEV_GPU_UTIL gpu' },
    { name: 'utilisation above 100', text: `DCGM_FI_DEV_GPU_UTIL{${labels}} 150`, field: 'metrics DCGM_FI_DEV_GPU_UTIL value' },
    { name: 'a negative framebuffer', text: `DCGM_FI_DEV_FB_USED{${labels}} -1`, field: 'metrics DCGM_FI_DEV_FB_USED value' },
    { name: 'NaN memory', text: `DCGM_FI_DEV_FB_FREE{${labels}} NaN`, field: 'metrics DCGM_FI_DEV_FB_FREE value' },
    { name: 'a malformed line', text: 'DCGM_FI_DEV_FB_FREE{ 1', field: 'metrics DCGM_FI_DEV_FB_FREE labels' },
  ])('reports $name and invents no GPU for it', ({ text, field }) => {
    const { values, issues } = parseDcgmMetrics(`# HELP x\nDCGM_FI_DEV_SM_CLOCK{gpu="9"} 1\n${text}`);
    expect(values).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ line: 3, field })]);
  });
});
