import { z } from 'zod';
import { objectNameField, textField } from './event-fields.ts';

const stringMap = z.record(z.string(), z.string({ error: 'be a string' }));

/**
 * The `metadata` of a watched Kubernetes object, as far as the functions read it: name, uid and
 * resourceVersion (which order and de-duplicate watch events), labels and annotations. Everything else
 * passes through untouched.
 */
export const watchedMetaSchema = z.looseObject({
  name: objectNameField,
  namespace: objectNameField.optional(),
  uid: textField(128),
  resourceVersion: textField(64),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

const namespacedMetaSchema = watchedMetaSchema.extend({ namespace: objectNameField });

/**
 * A Pod as the cluster-agent saw it. Only metadata is checked here: spec and status pass through, and the
 * functions read the parts they need with their own schemas (`shared/schemas/pod.ts`), so a pod the
 * resolver rejects is a decision ("invalid pod"), never a poison record.
 */
export const podObjectSchema = z.looseObject({
  kind: z.literal('Pod', { error: 'be Pod' }).optional(),
  metadata: namespacedMetaSchema,
});

/** A Node as the cluster-agent saw it (cluster-scoped); spec and status pass through. */
export const nodeObjectSchema = z.looseObject({
  kind: z.literal('Node', { error: 'be Node' }).optional(),
  metadata: watchedMetaSchema,
});

/**
 * A WorkloadProfile as the cluster-agent saw it. The spec passes through unchecked: validating it is the
 * consumer's job with `workloadProfileSchema`, which reports every issue in the user's vocabulary.
 */
export const workloadProfileObjectSchema = z.looseObject({
  kind: z.literal('WorkloadProfile', { error: 'be WorkloadProfile' }).optional(),
  metadata: namespacedMetaSchema,
});

/** A watched Pod. */
export type PodObject = z.output<typeof podObjectSchema>;
/** A watched Node. */
export type NodeObject = z.output<typeof nodeObjectSchema>;
/** A watched WorkloadProfile. */
export type WorkloadProfileObject = z.output<typeof workloadProfileObjectSchema>;
