import { describe, expect, it } from 'vitest';
import { PLACEMENT_MODES } from '../../schemas/gpu-pool.ts';
import { strategyForMode } from './strategy-for-mode.ts';

describe('Function: strategyForMode()', () => {
  const names: Record<(typeof PLACEMENT_MODES)[number], string> = {
    FragmentationAware: 'fragmentation-aware',
    CompactFirst: 'compact-first',
    LowLoadFirst: 'low-load-first',
    NodeCompactGPULowLoad: 'node-compact-gpu-low-load',
    BestFit: 'best-fit',
  };

  it.each(PLACEMENT_MODES.map((mode) => ({ name: mode, mode })))('gives $name its strategy', ({ mode }) => {
    expect(strategyForMode(mode, { distribution: { classes: [] } }).name).toBe(names[mode]);
  });
});
