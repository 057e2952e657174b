// Reads the gentd26 GPU traces (duty cycle in percent, memory used in bytes, one row per pod per ~57 s)
// and joins them into per-pod usage series: one sample per (pod, timestamp) present in both files.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { UsageSample } from '../../../shared/core/autoscaling/usage-sample.ts';

/** A CSV file's text, gunzipped when the name ends in `.gz`. */
export function readCsv(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** `value` by `pod` and `timestampMs`, from a CSV with columns value, timestamp_anon (seconds), container_ip in any order. */
export function seriesOf(csv: string): Map<string, Map<number, number>> {
  const lines = csv.split('\n');
  const header = (lines[0] ?? '').trim().split(',');
  const [valueAt, timeAt, podAt] = ['value', 'timestamp_anon', 'container_ip'].map((name) => header.indexOf(name));
  if (valueAt === -1 || timeAt === -1 || podAt === -1) throw new Error(`expected columns value, timestamp_anon, container_ip; got ${header.join(',')}`);
  const byPod = new Map<string, Map<number, number>>();
  for (let i = 1; i < lines.length; i++) {
    const cells = (lines[i] ?? '').trim().split(',');
    if (cells.length < header.length) continue;
    const pod = cells[podAt as number] as string;
    const series = byPod.get(pod) ?? new Map<number, number>();
    series.set(Math.round(Number(cells[timeAt as number]) * 1000), Number(cells[valueAt as number]));
    byPod.set(pod, series);
  }
  return byPod;
}

/** Per-pod samples in time order: the timestamps both series have. */
export function joinSeries(duty: Map<string, Map<number, number>>, memory: Map<string, Map<number, number>>): Map<string, UsageSample[]> {
  const pods = new Map<string, UsageSample[]>();
  for (const [pod, compute] of duty) {
    const vram = memory.get(pod);
    if (vram === undefined) continue;
    const samples: UsageSample[] = [];
    for (const [atMs, computePercent] of compute) {
      const vramBytes = vram.get(atMs);
      if (vramBytes !== undefined) samples.push({ atMs, computePercent, vramBytes });
    }
    samples.sort((a, b) => a.atMs - b.atMs);
    if (samples.length > 0) pods.set(pod, samples);
  }
  return pods;
}

/** The joined trace from the two files. */
export function loadTrace(paths: { duty: string; memory: string }): Map<string, UsageSample[]> {
  return joinSeries(seriesOf(readCsv(paths.duty)), seriesOf(readCsv(paths.memory)));
}
