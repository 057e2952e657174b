import { describe, expect, it } from 'vitest';
import { createMemoryCluster } from '../../shared/adapters/memory/cluster.ts';
import { observedWorkload } from '../../shared/core/ledger/observed-workload.ts';
import { poolWith } from '../../test/fixtures/builders.ts';
import { allocationWith, booked, ledgerWith } from '../../test/fixtures/ledger.ts';
import { poolStrategies } from './pool-strategies.ts';

const cluster = createMemoryCluster({ pools: [poolWith({ placement: { mode: 'CompactFirst' } }, { name: 'compact' }), poolWith({}, { name: 'plain' })] });
const EMPTY = { classes: [] };

describe('Function: poolStrategies()', () => {
  it.each([
    { name: 'the mode its GPUPool names', pool: 'compact', strategy: 'compact-first' },
    { name: 'the default for a GPUPool that names none', pool: 'plain', strategy: 'fragmentation-aware' },
    { name: 'the default for a pool with no GPUPool', pool: 'unknown', strategy: 'fragmentation-aware' },
  ])('gives a pool $name', async ({ pool, strategy }) => {
    expect((await poolStrategies({ cluster })(pool, EMPTY)).name).toBe(strategy);
  });

  it('keeps one strategy per pool and mode, and lets an override set every pool\'s mode', async () => {
    const strategyFor = poolStrategies({ cluster });
    expect(await strategyFor('plain', EMPTY)).toBe(await strategyFor('plain', EMPTY));
    expect((await poolStrategies({ cluster, override: 'BestFit' })('compact', EMPTY)).name).toBe('best-fit');
  });

  it('plans the fragmentation-aware strategy anew only when the observed workload changes materially', async () => {
    const strategyFor = poolStrategies({ cluster });
    const holding = (tflops: readonly number[]) =>
      observedWorkload([ledgerWith('n1', 4, { allocations: tflops.map((amount, at) => allocationWith(`p${at}`, [booked(`n1-gpu${at}`, amount, 1)])) })]);
    const halves = holding([50, 50]);
    const more = holding([50, 50, 50]);
    const mixed = holding([50, 10]);
    const first = await strategyFor('plain', halves);
    expect(await strategyFor('plain', more)).toBe(first);
    expect(await strategyFor('plain', mixed)).not.toBe(first);
    const compact = await strategyFor('compact', halves);
    expect(await strategyFor('compact', mixed)).toBe(compact);
  });
});
