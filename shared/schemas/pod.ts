import { z } from 'zod';
import { podMetaSchema } from './object-meta.ts';

const quantityMap = z.record(z.string(), z.union([z.string(), z.number()]));

/** A container: its name and resources (native GPU requests such as `nvidia.com/gpu` count here). */
export const containerSchema = z.looseObject({
  name: z.string(),
  resources: z.looseObject({ requests: quantityMap.optional(), limits: quantityMap.optional() }).optional(),
});

/** The part of a Pod (or a pod template) the resolver reads. Other fields pass through untouched. */
export const podSchema = z.looseObject({
  metadata: podMetaSchema.default({}),
  spec: z.looseObject({ containers: z.array(containerSchema).optional() }).optional(),
});

/** A parsed pod or pod template. */
export type Pod = z.output<typeof podSchema>;
/** A parsed container. */
export type Container = z.output<typeof containerSchema>;
