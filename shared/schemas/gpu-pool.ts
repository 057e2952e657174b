import { z } from 'zod';
import { QOS_LEVELS } from './annotations.ts';
import { objectMetaSchema } from './object-meta.ts';

/** Placement strategies (reference §4.3 for TensorFusion's three; BestFit and FragmentationAware are ours). */
export const PLACEMENT_MODES = ['FragmentationAware', 'CompactFirst', 'LowLoadFirst', 'NodeCompactGPULowLoad', 'BestFit'] as const;

/** The annotation TensorFusion uses to mark the default pool (reference §1.2 `gpupool`). */
export const DEFAULT_POOL_ANNOTATION = 'tensor-fusion.ai/is-default-pool';

/**
 * `GPUPool.spec`: the fields the functions need (reference §3.4), under TensorFusion's field names
 * where it has one. Other TensorFusion pool fields are out of scope and rejected, so a typo is seen.
 */
export const gpuPoolSpecSchema = z.strictObject({
  isDefault: z.boolean().optional().meta({ description: 'Pods that name no pool use this one' }),
  defaultUsingLocalGPU: z.boolean().optional().meta({ description: 'is-local-gpu for pods that do not say' }),
  qosConfig: z.strictObject({
    defaultQoS: z.enum(QOS_LEVELS, { error: `be one of ${QOS_LEVELS.join(', ')}` }).optional().meta({ description: 'QoS for pods that do not say' }),
  }).optional(),
  placement: z.strictObject({
    mode: z.enum(PLACEMENT_MODES, { error: `be one of ${PLACEMENT_MODES.join(', ')}` }).default('FragmentationAware')
      .meta({ description: 'Strategy that picks nodes and GPUs' }),
  }).optional(),
  nodeManagerConfig: z.strictObject({
    defaultVendor: z.string().min(1).optional().meta({ description: 'GPU vendor of the pool\'s nodes' }),
    nodeSelector: z.looseObject({}).optional().meta({ preserveUnknownFields: true, description: 'core/v1 NodeSelector for the pool\'s nodes' }),
  }).optional(),
});

/** A whole GPUPool object (cluster-scoped, `tensor-fusion.ai/v1`). */
export const gpuPoolSchema = z.looseObject({
  apiVersion: z.literal('tensor-fusion.ai/v1', { error: 'be tensor-fusion.ai/v1' }),
  kind: z.literal('GPUPool', { error: 'be GPUPool' }),
  metadata: objectMetaSchema,
  spec: gpuPoolSpecSchema.default({}),
});

/** A parsed GPUPool. */
export type GpuPool = z.output<typeof gpuPoolSchema>;
/** A placement strategy name. */
export type PlacementMode = (typeof PLACEMENT_MODES)[number];

/** Whether the pool is the default: `spec.isDefault` or TensorFusion's annotation. */
export function isDefaultPool(pool: GpuPool): boolean {
  return pool.spec.isDefault === true || pool.metadata.annotations?.[DEFAULT_POOL_ANNOTATION] === 'true';
}
