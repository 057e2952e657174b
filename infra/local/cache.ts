import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where large downloads and builds live, outside the repository and keyed by version, so warm runs
 * reuse them: `$VGPU_CACHE_DIR` or `~/.cache/vgpu-control`, then `<name>-<version>`.
 */
export function cacheDir(name: string, version: string): string {
  return join(process.env['VGPU_CACHE_DIR'] ?? join(homedir(), '.cache', 'vgpu-control'), `${name}-${version}`);
}
