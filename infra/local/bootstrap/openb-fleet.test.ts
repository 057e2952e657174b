import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { poolOf } from '../../../agents/node-agent/setup.ts';
import type { NodeAgentConfig } from '../../../agents/node-agent/config.ts';
import { nodeObject } from '../kubernetes/nodes.ts';
import { readOpenbFleet } from './openb-fleet.ts';
import { NODE_POOL_LABEL } from '../../../shared/schemas/annotation-keys.ts';

const csv = (rows: string[]): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'openb-')), 'nodes.csv');
  writeFileSync(path, ['sn,cpu_milli,memory_mib,gpu,model', ...rows].join('\n'));
  return path;
};

const REAL_FLEET = join(import.meta.dirname, '../../../../shared/data/openb/openb_node_list_gpu_node.csv');

describe('Function: readOpenbFleet()', () => {
  it.each([
    { name: 'reads GPU nodes with their capacity and pool label', rows: ['n0,64000,262144,2,P100'], limit: 5, want: [{ name: 'n0', model: 'P100', gpus: 2, cpu: '64000m', memory: '262144Mi' }] },
    { name: 'skips nodes without GPUs', rows: ['n0,64000,262144,0,T4', 'n1,32000,131072,8,G2'], limit: 5, want: [{ name: 'n1', model: 'G2', gpus: 8 }] },
    { name: 'stops at the limit', rows: ['a,1,1,1,T4', 'b,1,1,1,T4', 'c,1,1,1,T4'], limit: 2, want: [{ name: 'a' }, { name: 'b' }] },
  ])('$name', ({ rows, limit, want }) => {
    const nodes = readOpenbFleet(csv(rows), { limit, pool: 'p' });
    expect(nodes).toMatchObject(want);
    expect(nodes.every((node) => node.labels?.[NODE_POOL_LABEL] === 'p')).toBe(true);
  });

  it('labels each node with the pool the node-agent reads from its Node', async () => {
    const [spec] = readOpenbFleet(csv(['n0,1,1,1,T4']), { limit: 1, pool: 'p' });
    if (spec === undefined) throw new Error('no node read');
    const http = { open: () => Promise.reject(new Error('not used')), getJson: () => Promise.resolve(nodeObject(spec)) };
    await expect(poolOf({ node: 'n0' } as NodeAgentConfig, http)()).resolves.toBe('p');
  });

  it('names every bad line instead of skipping it', () => {
    expect(() => readOpenbFleet(csv(['n0,1,1,two,T4', 'n1,1,1,1,T4', 'n2,1,1']), { limit: 5, pool: 'p' }))
      .toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/line 2: .*gpu.*line 4: /s) }));
  });

  it('gives no nodes when the file is absent', () => {
    expect(readOpenbFleet('/nonexistent/nodes.csv', { limit: 5, pool: 'p' })).toEqual([]);
  });

  it.skipIf(!existsSync(REAL_FLEET))('reads the real openb node list when it is beside the project', () => {
    const nodes = readOpenbFleet(REAL_FLEET, { limit: 10_000, pool: 'p' });
    expect(nodes.reduce((sum, node) => sum + node.gpus, 0)).toBe(6212);
  });
});
