import { describe, expect, it } from 'vitest';
import { createMemoryCluster } from '../../shared/adapters/memory/cluster.ts';
import { poolWith } from '../../test/fixtures/builders.ts';
import { poolStrategies } from './pool-strategies.ts';

const cluster = createMemoryCluster({ pools: [poolWith({ placement: { mode: 'CompactFirst' } }, { name: 'compact' }), poolWith({}, { name: 'plain' })] });

describe('Function: poolStrategies()', () => {
  it.each([
    { name: 'the mode its GPUPool names', pool: 'compact', strategy: 'compact-first' },
    { name: 'the default for a GPUPool that names none', pool: 'plain', strategy: 'fragmentation-aware' },
    { name: 'the default for a pool with no GPUPool', pool: 'unknown', strategy: 'fragmentation-aware' },
  ])('gives a pool $name', async ({ pool, strategy }) => {
    expect((await poolStrategies({ cluster })(pool)).name).toBe(strategy);
  });

  it('keeps one strategy per pool and mode, and lets an override set every pool\'s mode', async () => {
    const strategyFor = poolStrategies({ cluster });
    expect(await strategyFor('plain')).toBe(await strategyFor('plain'));
    expect((await poolStrategies({ cluster, override: 'BestFit' })('compact')).name).toBe('best-fit');
  });
});
