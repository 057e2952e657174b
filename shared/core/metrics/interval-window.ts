import type { NodeSample } from './node-sample.ts';

/** How samples are cut into intervals: `intervalMs` long, aligned on `originMs` (0: on the epoch). */
export interface IntervalGrid {
  readonly intervalMs: number;
  readonly originMs: number;
}

/** The open interval of one node: where it starts and the samples taken in it so far, oldest first. */
export interface IntervalWindow {
  readonly startMs: number;
  readonly samples: readonly NodeSample[];
}

/** A finished interval, `[startMs, endMs)`, ready to aggregate. */
export interface ClosedInterval extends IntervalWindow {
  readonly endMs: number;
}

/** What adding a sample did: the window now open, the interval it closed, or that it came too late. */
export interface WindowStep {
  readonly window: IntervalWindow;
  readonly closed?: ClosedInterval;
  /** The sample belongs to an interval already closed; it was not added. */
  readonly late?: true;
}

/** Start of the interval of `grid` holding `atMs`. */
export function intervalStartOf(atMs: number, grid: IntervalGrid): number {
  return grid.originMs + Math.floor((atMs - grid.originMs) / grid.intervalMs) * grid.intervalMs;
}

/**
 * Add `sample` to the open `window` (none before the first sample). A sample of a later interval closes
 * the window and opens the next one, so an interval is published as soon as the first sample after it
 * arrives; a sample of an earlier interval is refused as late rather than reopening published data.
 */
export function addToWindow(window: IntervalWindow | undefined, sample: NodeSample, grid: IntervalGrid): WindowStep {
  const startMs = intervalStartOf(sample.atMs, grid);
  if (window === undefined) return { window: { startMs, samples: [sample] } };
  if (startMs === window.startMs) return { window: { startMs, samples: [...window.samples, sample] } };
  if (startMs < window.startMs) return { window, late: true };
  return { window: { startMs, samples: [sample] }, closed: closeWindow(window, grid) };
}

/** `window` as a closed interval, for a flush on shutdown or at the end of a replay. */
export function closeWindow(window: IntervalWindow, grid: IntervalGrid): ClosedInterval {
  return { ...window, endMs: window.startMs + grid.intervalMs };
}
