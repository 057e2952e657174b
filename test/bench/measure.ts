import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** One measured case: operations per second over a fixed wall-clock window, after a warm-up. */
export interface Measurement {
  readonly name: string;
  readonly opsPerSecond: number;
  readonly nsPerOp: number;
  readonly iterations: number;
}

/**
 * Run `fn` in batches for `seconds` after a warm-up and report its rate. Batches amortise the clock
 * read; the result of each call is folded into a sink so the work cannot be optimised away.
 */
export function measure(name: string, fn: () => unknown, options: { seconds?: number; batch?: number } = {}): Measurement {
  const seconds = options.seconds ?? 2;
  const batch = options.batch ?? 1000;
  let sink = 0;
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) for (let i = 0; i < batch; i++) sink ^= fn() === undefined ? 0 : 1;
  let iterations = 0;
  const start = performance.now();
  const stop = start + seconds * 1000;
  while (performance.now() < stop) {
    for (let i = 0; i < batch; i++) sink ^= fn() === undefined ? 0 : 1;
    iterations += batch;
  }
  const elapsedMs = performance.now() - start;
  if (sink === 2) console.log('');
  return { name, opsPerSecond: Math.round((iterations / elapsedMs) * 1000), nsPerOp: Math.round((elapsedMs * 1e6) / iterations), iterations };
}

/** Value of `--name <value>` on the command line. */
export function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Write bench results as JSON, creating the folder. */
export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The `q` quantile (0..1) of ascending `sorted` values, nearest rank: the runner's metrics' own, so bench and runner agree. */
export { quantile } from '../../agents/function-runner/metrics.ts';

/** `count` things in `ms` milliseconds, per second, rounded. */
export const rate = (count: number, ms: number): number => Math.round((count / ms) * 1000);

/** `value` rounded to `digits` decimals (3 by default: microseconds of a millisecond figure). */
export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
