import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOpenbFleet } from './openb-fleet.ts';

const csv = (rows: string[]): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'openb-')), 'nodes.csv');
  writeFileSync(path, ['sn,cpu_milli,memory_mib,gpu,model', ...rows].join('\n'));
  return path;
};

describe('Function: readOpenbFleet()', () => {
  it.each([
    { name: 'reads GPU nodes with their capacity and pool label', rows: ['n0,64000,262144,2,P100'], limit: 5, want: [{ name: 'n0', model: 'P100', gpus: 2, cpu: '64000m', memory: '262144Mi' }] },
    { name: 'skips nodes without GPUs', rows: ['n0,64000,262144,0,', 'n1,32000,131072,8,G2'], limit: 5, want: [{ name: 'n1', model: 'G2', gpus: 8 }] },
    { name: 'stops at the limit', rows: ['a,1,1,1,T4', 'b,1,1,1,T4', 'c,1,1,1,T4'], limit: 2, want: [{ name: 'a' }, { name: 'b' }] },
  ])('$name', ({ rows, limit, want }) => {
    const nodes = readOpenbFleet(csv(rows), { limit, pool: 'p' });
    expect(nodes).toMatchObject(want);
    expect(nodes.every((node) => node.labels?.['tensor-fusion.ai/gpupool'] === 'p')).toBe(true);
  });

  it('gives no nodes when the file is absent', () => {
    expect(readOpenbFleet('/nonexistent/nodes.csv', { limit: 5, pool: 'p' })).toEqual([]);
  });

  it('reads the real openb node list when it is beside the project', () => {
    const nodes = readOpenbFleet(join(import.meta.dirname, '../../../../shared/data/openb/openb_node_list_gpu_node.csv'), { limit: 10_000, pool: 'p' });
    if (nodes.length === 0) return;
    expect(nodes.reduce((sum, node) => sum + node.gpus, 0)).toBe(6212);
  });
});
