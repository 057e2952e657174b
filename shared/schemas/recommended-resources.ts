import { z } from 'zod';
import { ANNOTATION_KEYS as K } from './annotation-keys.ts';

/** The resource keys a recorded recommendation may carry, in the order they are written. */
export const RECORDED_KEYS = [K.tflopsRequest, K.tflopsLimit, K.computePercentRequest, K.computePercentLimit, K.vramRequest, K.vramLimit] as const;

/**
 * The value of `tensor-fusion.ai/recommended-resources` on a pod's controller owner: the resource
 * annotations recommend-resources brought the owner's pods to (the target resources only), the pod
 * template they apply to (`pod-template-hash` or `controller-revision-hash` of the pods; absent when the
 * pods carry neither), and when. Written by vgpu-control itself, read back by admission.
 */
export const recommendedResourcesSchema = z.strictObject({
  annotations: z.partialRecord(z.enum(RECORDED_KEYS, { error: `be one of ${RECORDED_KEYS.join(', ')}` }), z.string({ error: 'be a string' }))
    .refine((annotations) => Object.keys(annotations).length > 0, { error: 'name at least one resource annotation' }),
  template: z.string({ error: 'be a string' }).min(1, { error: 'not be empty' }).optional(),
  appliedAt: z.iso.datetime({ error: 'be an ISO 8601 instant' }),
}, { error: 'be a JSON object' });

/** A recorded recommendation, as parsed. */
export type RecommendedResources = z.infer<typeof recommendedResourcesSchema>;
