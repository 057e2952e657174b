import { AppError } from '../../../shared/core/errors.ts';
import { itemId, type StateItem, type StateStore } from '../../../shared/ports/state-store.ts';

/**
 * A table that keeps items by reference, without the memory adapter's defensive copies: what the function
 * itself costs, the ceiling any store can only lower. Versions and conditional writes as the port says.
 */
export function referenceStore(): StateStore {
  const items = new Map<string, StateItem>();
  return {
    get: async (key) => items.get(itemId(key)),
    getMany: async (keys) => keys.map((key) => items.get(itemId(key))),
    put: async (item, options = {}) => {
      const current = items.get(itemId(item));
      const expected = options.expectVersion;
      if (expected !== undefined && (expected === 'absent' ? current !== undefined : current?.version !== expected)) throw new AppError('VERSION_CONFLICT', 'raced');
      const stored = { ...item, version: (current?.version ?? 0) + 1 };
      items.set(itemId(item), stored);
      return stored;
    },
    update: async () => { throw new AppError('INTERNAL', 'not used'); },
    query: async () => [],
  };
}
