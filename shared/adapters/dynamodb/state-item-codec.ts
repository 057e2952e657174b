// Items of the StateStore as the table holds them: the key, `version`, the data under one `data` map
// attribute (so data field names can never collide with key or index attributes), `expiresAt` (the
// table's TTL attribute) and the lookup index key `gsi1pk`/`gsi1sk`.
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { StateItem } from '../../ports/state-store.ts';

const storedItem = z.object({
  pk: z.string(),
  sk: z.string(),
  version: z.number().int().positive(),
  data: z.record(z.string(), z.unknown()),
  expiresAt: z.number().optional(),
  gsi1pk: z.string().optional(),
  gsi1sk: z.string().optional(),
});

/** A table item (as the document client returns it) as a {@link StateItem}; INTERNAL if it is not one. */
export function fromStoredItem(raw: Record<string, unknown>): StateItem {
  const parsed = storedItem.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('INTERNAL', `state table item ${String(raw['pk'])} / ${String(raw['sk'])} is not a StateStore item`, {
      details: { issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) },
    });
  }
  const { pk, sk, version, data, expiresAt, gsi1pk, gsi1sk } = parsed.data;
  return {
    pk, sk, version, data,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(gsi1pk === undefined || gsi1sk === undefined ? {} : { lookup: { partition: gsi1pk, sort: gsi1sk } }),
  };
}
