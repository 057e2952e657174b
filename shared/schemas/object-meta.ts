import { z } from 'zod';

const stringMap = z.record(z.string(), z.string({ error: 'be a string (quote values like "true" and "1")' }));

/** The part of Kubernetes `ObjectMeta` the functions read. Other fields pass through. */
export const objectMetaSchema = z.looseObject({
  name: z.string().min(1, { error: 'not be empty' }),
  namespace: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

/** An owner reference. */
export const ownerReferenceSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  uid: z.string().optional(),
  controller: z.boolean().optional(),
});

/** Metadata of a pod or pod template: name may be absent (generateName, templates). */
export const podMetaSchema = z.looseObject({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  ownerReferences: z.array(ownerReferenceSchema).optional(),
});
