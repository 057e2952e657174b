// The published FGD-paper numbers (shared/data/anchors/fgd-published-openb.csv): mean of 10 seeds.
import { existsSync, readFileSync } from 'node:fs';

/** One published row. */
export interface PublishedRow {
  readonly workload: string;
  readonly policy: string;
  readonly allocAt100: number;
  readonly allocAt130: number;
}

/** The anchors, or none when the file is missing. */
export function readPublished(path: string): PublishedRow[] {
  if (!existsSync(path)) return [];
  const [, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  return lines.map((line) => {
    const [workload = '', policy = '', , at100 = '', at130 = ''] = line.split(',');
    return { workload, policy, allocAt100: Number(at100), allocAt130: Number(at130) };
  });
}

/** Which published policy our policy is compared with: ours `default` against the paper's FGD. */
export const PUBLISHED_PEER: Readonly<Record<string, string>> = { default: 'FGD', fgd: 'FGD', 'best-fit': 'BestFit', random: 'Random' };
