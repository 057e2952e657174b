import { describe, expect, it } from 'vitest';
import { addToWindow, closeWindow, intervalStartOf, type IntervalGrid } from './interval-window.ts';
import type { NodeSample } from './node-sample.ts';

const grid: IntervalGrid = { intervalMs: 60_000, originMs: 0 };
const at = (atMs: number): NodeSample => ({ atMs, gpus: [], workloads: [] });

describe('Function: intervalStartOf()', () => {
  it.each([
    { name: 'on a boundary', atMs: 120_000, grid, expected: 120_000 },
    { name: 'inside an interval', atMs: 179_999, grid, expected: 120_000 },
    { name: 'aligned on an origin', atMs: 1_000 + 61_000, grid: { intervalMs: 60_000, originMs: 1_000 }, expected: 61_000 },
    { name: 'before the origin', atMs: 500, grid: { intervalMs: 60_000, originMs: 1_000 }, expected: -59_000 },
  ])('$name', ({ atMs, grid: g, expected }) => {
    expect(intervalStartOf(atMs, g)).toBe(expected);
  });
});

describe('Function: addToWindow()', () => {
  it('opens a window on the first sample', () => {
    expect(addToWindow(undefined, at(61_000), grid)).toEqual({ window: { startMs: 60_000, samples: [at(61_000)] } });
  });

  it('adds a sample of the same interval', () => {
    const first = addToWindow(undefined, at(61_000), grid).window;
    expect(addToWindow(first, at(119_000), grid)).toEqual({ window: { startMs: 60_000, samples: [at(61_000), at(119_000)] } });
  });

  it('closes the window when a sample of a later interval arrives', () => {
    const first = addToWindow(undefined, at(61_000), grid).window;
    expect(addToWindow(first, at(300_000), grid)).toEqual({
      window: { startMs: 300_000, samples: [at(300_000)] },
      closed: { startMs: 60_000, endMs: 120_000, samples: [at(61_000)] },
    });
  });

  it('refuses a sample of an earlier interval as late', () => {
    const first = addToWindow(undefined, at(61_000), grid).window;
    expect(addToWindow(first, at(59_999), grid)).toEqual({ window: first, late: true });
  });

  it('closes a window on demand', () => {
    expect(closeWindow({ startMs: 0, samples: [] }, grid)).toEqual({ startMs: 0, endMs: 60_000, samples: [] });
  });
});
