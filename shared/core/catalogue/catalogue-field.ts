/**
 * The user's name for a place in catalogue configuration: `catalogue models[2].vram` for the zod
 * path `['models', 2, 'vram']`, `catalogue` for the whole file. Follows zod's dot-path rules, so
 * issue fields read the way the file is written.
 */
export function catalogueField(path: readonly PropertyKey[]): string {
  const parts = path.map((key, at) => (typeof key === 'number' ? `[${key}]` : `${at === 0 ? '' : '.'}${String(key)}`));
  return path.length === 0 ? 'catalogue' : `catalogue ${parts.join('')}`;
}
