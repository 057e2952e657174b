import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../../shared/core/catalogue/gpu-catalogue.ts';
import { readGentd26Series, readOpenbFleet } from './read-trace.ts';
import { planReplay, replayPodName, samplesAt } from './replay-plan.ts';

const dir = mkdtempSync(join(tmpdir(), 'replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string, gzip = false): string => {
  const path = join(dir, name);
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
};
const point = (pod: string, atS: number, value: number) => ({ pod, atMs: atS * 1000, value });
const fleet = [
  { name: 'n-g2', cpuMilli: 1, memoryMib: 1, gpus: 8, model: 'G2' },
  { name: 'n-t4', cpuMilli: 1, memoryMib: 1, gpus: 2, model: 'T4' },
  { name: 'n-none', cpuMilli: 1, memoryMib: 1, gpus: 0, model: 'T4' },
  { name: 'n-v100', cpuMilli: 1, memoryMib: 1, gpus: 1, model: 'V100M32' },
];

describe('Function: planReplay()', () => {
  const dutyCycle = [point('b', 0, 10), point('a', 0, 70), point('a', 57, 50), point('c', 57, 40), point('lonely', 57, 5)];
  const memory = [point('a', 0, 100), point('b', 0, 200), point('a', 57, 300), point('c', 57, 400), point('only-mem', 0, 1)];

  it('joins the series on pod and instant, counting what has one measure only', () => {
    const plan = planReplay({ dutyCycle, memory, fleet, catalogue: builtinCatalogue });
    expect(plan.joined).toBe(4);
    expect(plan.unmatched).toBe(2);
    expect([...plan.readings.keys()]).toEqual([0, 57_000]);
    expect(plan.readings.get(0)?.get('a')).toEqual({ dutyCycle: 70, memoryBytes: 100 });
  });

  it('takes known-model nodes until every pod has a GPU, and places pods round-robin by id', () => {
    const plan = planReplay({ dutyCycle, memory, fleet, catalogue: builtinCatalogue });
    expect(plan.nodes.map((node) => node.name)).toEqual(['n-t4', 'n-v100']);
    expect(plan.unknownModelNodes).toBe(2);
    expect(plan.nodes[0]?.gpus[1]).toEqual({ uuid: 'GPU-n-t4-1', index: 1, model: 'T4', vramBytes: 16 * 2 ** 30 });
    expect([...plan.placement].map(([pod, gpu]) => `${pod}:${gpu.uuid}`)).toEqual(['a:GPU-n-t4-0', 'b:GPU-n-t4-1', 'c:GPU-n-v100-0']);
  });

  it('takes as many nodes as asked, sharing GPUs, and replays only the duration asked', () => {
    const plan = planReplay({ dutyCycle, memory, fleet, catalogue: builtinCatalogue, nodeCount: 1, durationMs: 57_000 });
    expect(plan.nodes.map((node) => node.name)).toEqual(['n-t4']);
    expect(plan.joined).toBe(2);
    expect([...plan.placement.values()].map((gpu) => gpu.uuid)).toEqual(['GPU-n-t4-0', 'GPU-n-t4-1']);
  });

  it('gives each node a sample per instant: pods as workloads, GPUs summing their pods (capped at 100), idle GPUs zero', () => {
    const shared = planReplay({ dutyCycle: [point('a', 0, 70), point('b', 0, 60)], memory: [point('a', 0, 1), point('b', 0, 2)], fleet: [{ name: 'one', cpuMilli: 1, memoryMib: 1, gpus: 1, model: 'T4' }], catalogue: builtinCatalogue });
    expect(samplesAt(shared, { atMs: 0, namespace: 'replay' })).toEqual([{ node: 'one', sample: {
      atMs: 0, gpus: [{ uuid: 'GPU-one-0', computePercent: 100, vramBytes: 3 }],
      workloads: [{ namespace: 'replay', pod: 'replay-a', gpuUuid: 'GPU-one-0', computePercent: 70, vramBytes: 1 }, { namespace: 'replay', pod: 'replay-b', gpuUuid: 'GPU-one-0', computePercent: 60, vramBytes: 2 }],
    } }]);
    const plan = planReplay({ dutyCycle, memory, fleet, catalogue: builtinCatalogue });
    const later = samplesAt(plan, { atMs: 57_000, namespace: 'replay' });
    expect(later.map(({ sample }) => sample.gpus.map((gpu) => gpu.computePercent))).toEqual([[50, 0], [40]]);
    expect(samplesAt(plan, { atMs: 1, namespace: 'replay' })[0]?.sample.workloads).toEqual([]);
  });

  it('leaves pods unplaced when there are no GPUs', () => {
    const plan = planReplay({ dutyCycle, memory, fleet: [], catalogue: builtinCatalogue });
    expect(plan.placement.size).toBe(0);
    expect(samplesAt(plan, { atMs: 0, namespace: 'replay' })).toEqual([]);
  });
});

describe('Function: replayPodName()', () => {
  it('makes a valid pod name of a trace id', () => {
    expect(replayPodName('23B8eba9_x')).toBe('replay-23b8eba9-x');
    expect(replayPodName('a'.repeat(80))).toHaveLength(63);
  });
});

describe('Adapter: replay trace files', () => {
  it('reads a gzip series line by line, keeping the first issues and counting all bad lines', async () => {
    const rows = ['value,timestamp_anon,container_ip', '1.5,10.0,p1', '', 'bad,10,p1', ...Array.from({ length: 120 }, () => '200,1,p'), '2,20,p2'];
    const read = await readGentd26Series(file('duty.csv.gz', rows.join('\n'), true), 'dutyCycle');
    expect(read.values).toEqual([{ pod: 'p1', atMs: 10_000, value: 1.5 }, { pod: 'p2', atMs: 20_000, value: 2 }]);
    expect(read.badLines).toBe(121);
    expect(read.issues).toHaveLength(100);
    expect(read.issues[0]).toMatchObject({ line: 4, field: 'gentd26 dutyCycle value' });
  });

  it('reads a plain CSV series too, and refuses a bad header or a missing file', async () => {
    expect((await readGentd26Series(file('mem.csv', 'timestamp_anon,value,container_ip\n1,2,p\n'), 'memoryBytes')).values).toHaveLength(1);
    await expect(readGentd26Series(file('h.csv', 'time,value\n1,2\n'), 'memoryBytes')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(readGentd26Series(join(dir, 'missing.csv.gz'), 'memoryBytes')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads an openb fleet file, and refuses a missing one', async () => {
    expect((await readOpenbFleet(file('fleet.csv', 'sn,cpu_milli,memory_mib,gpu,model\nn1,1,1,2,T4\n'))).values).toHaveLength(1);
    await expect(readOpenbFleet(join(dir, 'none.csv'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
