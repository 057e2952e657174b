import { stringify } from 'yaml';
import type { OutputFormat } from './args.ts';
import { renderText } from './render-text.ts';
import type { PodResult } from './resolve-pods.ts';

/** A closing line for text output: how many pods resolved and how many did not. */
function summary(results: readonly PodResult[]): string {
  const failed = results.filter((result) => !result.resolution.ok).length;
  if (results.length === 0) return 'no pods or pod templates found\n';
  return `${results.length} pod(s): ${results.length - failed} resolved, ${failed} with errors\n`;
}

/**
 * Every pod's outcome in the chosen format: a readable summary per pod (`text`), or the full
 * resolutions as `[{ source, resolution }]` (`json`, `yaml`) for scripts.
 */
export function render(results: readonly PodResult[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(results, null, 2)}\n`;
  if (format === 'yaml') return stringify(results);
  return [...results.map(renderText), summary(results)].join('\n');
}
